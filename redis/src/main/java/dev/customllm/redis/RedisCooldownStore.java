package dev.customllm.redis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import dev.customllm.routing.CooldownStore;

/**
 * Shares the cooldowns of routes in Redis: a hash per route under
 * {@code <key-prefix>:cooldowns:<route>} (deployment → end of its cooldown, in epoch
 * milliseconds; a cooldown is never shortened) and a channel of the same name on which
 * each new cooldown is published, so that every instance hears of it within one round
 * trip. The publish/subscribe connection is opened on first use and re-opened at most
 * once a second while Redis cannot be reached; Lettuce subscribes again after a
 * reconnect. Thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RedisCooldownStore implements CooldownStore, AutoCloseable {

	private static final long RETRY_CONNECT_NANOS = 1_000_000_000L;

	private static final long KEEP_MILLIS = 3_600_000L;

	private static final String COOL_DOWN = """
			local previous = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
			if previous and previous >= tonumber(ARGV[2]) then return 0 end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			redis.call('PUBLISH', KEYS[1], ARGV[2] .. ':' .. ARGV[1])
			return 1
			""";

	private final RedisRateLimitConnection connection;

	private final String keyPrefix;

	private final Map<String, List<BiConsumer<String, Instant>>> listeners = new ConcurrentHashMap<>();

	private @Nullable CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub;

	private long failedAt;

	/**
	 * Create a new instance.
	 * @param connection the connection to Redis, which the caller closes
	 * @param keyPrefix the prefix of the keys, such as {@code custom-llm}
	 */
	public RedisCooldownStore(RedisRateLimitConnection connection, String keyPrefix) {
		if (keyPrefix.isBlank()) {
			throw new IllegalArgumentException("keyPrefix must not be blank");
		}
		this.connection = connection;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public CompletableFuture<Void> coolDown(String route, String deployment, Instant until) {
		String[] keys = { key(route) };
		String[] args = { deployment, Long.toString(until.toEpochMilli()), Long.toString(KEEP_MILLIS) };
		subscribeIfDown();
		return this.connection.commands()
			.thenCompose((commands) -> commands.<Long>eval(COOL_DOWN, ScriptOutputType.INTEGER, keys, args)
				.toCompletableFuture())
			.thenApply((published) -> null);
	}

	@Override
	public CompletableFuture<Map<String, Instant>> cooldowns(String route) {
		long now = System.currentTimeMillis();
		return this.connection.commands()
			.thenCompose((commands) -> commands.hgetall(key(route)).toCompletableFuture())
			.thenApply((entries) -> {
				Map<String, Instant> cooldowns = new LinkedHashMap<>();
				entries.forEach((deployment, until) -> {
					long millis = Long.parseLong(until);
					if (millis > now) {
						cooldowns.put(deployment, Instant.ofEpochMilli(millis));
					}
				});
				return cooldowns;
			});
	}

	@Override
	public AutoCloseable listen(String route, BiConsumer<String, Instant> listener) {
		List<BiConsumer<String, Instant>> routeListeners = this.listeners.computeIfAbsent(key(route),
				(key) -> new CopyOnWriteArrayList<>());
		routeListeners.add(listener);
		pubSub().thenAccept((connection) -> connection.async().subscribe(key(route)));
		return () -> routeListeners.remove(listener);
	}

	private void subscribeIfDown() {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> current = this.pubSub;
		if (current != null && current.isCompletedExceptionally() && !this.listeners.isEmpty()) {
			pubSub().thenAccept(
					(connection) -> connection.async().subscribe(this.listeners.keySet().toArray(String[]::new)));
		}
	}

	private synchronized CompletableFuture<StatefulRedisPubSubConnection<String, String>> pubSub() {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> current = this.pubSub;
		if (current != null
				&& (!current.isCompletedExceptionally() || System.nanoTime() - this.failedAt < RETRY_CONNECT_NANOS)) {
			return current;
		}
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> next = this.connection.connectPubSub()
			.thenApply((connection) -> {
				connection.addListener(new RedisPubSubAdapter<>() {

					@Override
					public void message(String channel, String message) {
						heard(channel, message);
					}

				});
				return connection;
			});
		next.whenComplete((connected, failure) -> connectFailed(failure));
		this.pubSub = next;
		return next;
	}

	private synchronized void connectFailed(@Nullable Throwable failure) {
		if (failure != null) {
			this.failedAt = System.nanoTime();
		}
	}

	private void heard(String channel, String message) {
		List<BiConsumer<String, Instant>> routeListeners = this.listeners.get(channel);
		int colon = message.indexOf(':');
		if (routeListeners == null || colon < 1) {
			return;
		}
		Instant until = Instant.ofEpochMilli(Long.parseLong(message.substring(0, colon)));
		String deployment = message.substring(colon + 1);
		routeListeners.forEach((listener) -> listener.accept(deployment, until));
	}

	private String key(String route) {
		return this.keyPrefix + ":cooldowns:" + route;
	}

	/**
	 * Close the publish/subscribe connection; the shared connection is left open.
	 */
	@Override
	public void close() {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> current;
		synchronized (this) {
			current = this.pubSub;
			this.pubSub = null;
		}
		if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
			current.join().close();
		}
	}

	/**
	 * Return where the cooldowns are: the address of Redis and the keys, never
	 * credentials.
	 * @return the store, such as
	 * {@code redis://host:6379/0 (keys custom-llm:cooldowns:*)}
	 */
	@Override
	public String toString() {
		return this.connection + " (keys " + this.keyPrefix + ":cooldowns:*)";
	}

}
