package dev.customllm.redis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

/**
 * The connection to Redis that holds a fleet's rate limits and the cooldowns of its
 * routes: one per application, shared by its clients and routers. It connects on first
 * use and never blocks a caller: while Redis cannot be reached, commands fail at once
 * (rather than queue) so that limits can fall back, a lost connection is re-established
 * within half a second, and a connection that could not be opened is tried again at most
 * once a second. Thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RedisRateLimitConnection implements AutoCloseable {

	private static final long RETRY_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ClientResources resources;

	private final RedisClient client;

	private final RedisConnectionSettings settings;

	private final RedisURI uri;

	private final RedisApi<byte[]> api = new LazyRedisApi<>(this::commands);

	private @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection;

	private long failedAt;

	/**
	 * Create a connection that is opened on first use.
	 * @param settings where Redis is, with credentials, database and timeout
	 */
	public RedisRateLimitConnection(RedisConnectionSettings settings) {
		this.settings = settings;
		this.uri = uri(settings);
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(options(settings.timeout(), sslOptions(settings)));
	}

	static RedisURI uri(RedisConnectionSettings settings) {
		String master = settings.sentinelMaster();
		RedisURI.Builder builder = (master != null) ? sentinel(master, settings)
				: RedisURI.builder().withHost(settings.host()).withPort(settings.port());
		builder = builder.withDatabase(settings.database()).withSsl(settings.ssl()).withTimeout(settings.timeout());
		String password = settings.password();
		if (password != null) {
			String username = settings.username();
			builder = (username != null) ? builder.withAuthentication(username, password)
					: builder.withPassword(password.toCharArray());
		}
		return builder.build();
	}

	private static RedisURI.Builder sentinel(String master, RedisConnectionSettings settings) {
		RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(master);
		String password = settings.sentinelPassword();
		for (InetSocketAddress node : settings.sentinels()) {
			builder = (password != null) ? builder.withSentinel(node.getHostString(), node.getPort(), password)
					: builder.withSentinel(node.getHostString(), node.getPort());
		}
		return builder;
	}

	private static @Nullable SslOptions sslOptions(RedisConnectionSettings settings) {
		KeyManagerFactory keyManagers = settings.keyManagers();
		TrustManagerFactory trustManagers = settings.trustManagers();
		if (keyManagers == null && trustManagers == null) {
			return null;
		}
		SslOptions.Builder ssl = SslOptions.builder();
		if (keyManagers != null) {
			ssl.keyManager(keyManagers);
		}
		if (trustManagers != null) {
			ssl.trustManager(trustManagers);
		}
		return ssl.build();
	}

	private static ClientOptions options(Duration timeout, @Nullable SslOptions ssl) {
		ClientOptions.Builder options = ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build());
		if (ssl != null) {
			options.sslOptions(ssl);
		}
		return options.build();
	}

	/**
	 * Return the commands Bucket4j needs, sent once the connection is open.
	 * @return the commands
	 */
	RedisApi<byte[]> api() {
		return this.api;
	}

	/**
	 * Open a connection of its own for publish/subscribe.
	 * @return completes with the connection once it is open
	 */
	CompletableFuture<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
		return this.client.connectPubSubAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
	}

	/**
	 * Return the commands, sent once the connection is open.
	 * @return completes with the commands
	 */
	CompletableFuture<RedisAsyncCommands<byte[], byte[]>> commands() {
		return connection().thenApply(StatefulRedisConnection::async);
	}

	private synchronized CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection() {
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = this.connection;
		if (current != null
				&& (!current.isCompletedExceptionally() || System.nanoTime() - this.failedAt < RETRY_CONNECT_NANOS)) {
			return current;
		}
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> next = this.client
			.connectAsync(ByteArrayCodec.INSTANCE, this.uri)
			.toCompletableFuture();
		next.whenComplete((connected, failure) -> connectFailed(failure));
		this.connection = next;
		return next;
	}

	private synchronized void connectFailed(@Nullable Throwable failure) {
		if (failure != null) {
			this.failedAt = System.nanoTime();
		}
	}

	@Override
	public void close() {
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current;
		synchronized (this) {
			current = this.connection;
			this.connection = null;
		}
		if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
			current.join().close();
		}
		this.client.shutdown();
		this.resources.shutdown();
	}

	/**
	 * Return where Redis is, never with credentials.
	 * @return the address, as {@link RedisConnectionSettings#toString()}
	 */
	@Override
	public String toString() {
		return this.settings.toString();
	}

	/**
	 * Sends Bucket4j's commands over the connection once it is open. Generic in the key
	 * type, as Bucket4j passes its key arrays as {@code Object[]}.
	 *
	 * @param <K> the key type
	 */
	private static final class LazyRedisApi<K> implements RedisApi<K> {

		private final Supplier<CompletableFuture<RedisAsyncCommands<K, byte[]>>> commands;

		LazyRedisApi(Supplier<CompletableFuture<RedisAsyncCommands<K, byte[]>>> commands) {
			this.commands = commands;
		}

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] args) {
			return PendingRedisFuture.of(this.commands.get()
				.thenCompose((commands) -> commands.<V>eval(script, type, keys, args).toCompletableFuture()));
		}

		@Override
		public RedisFuture<byte[]> get(K key) {
			return PendingRedisFuture
				.of(this.commands.get().thenCompose((commands) -> commands.get(key).toCompletableFuture()));
		}

		@Override
		public RedisFuture<?> delete(K key) {
			return PendingRedisFuture
				.of(this.commands.get().thenCompose((commands) -> commands.del(key).toCompletableFuture()));
		}

	}

}
