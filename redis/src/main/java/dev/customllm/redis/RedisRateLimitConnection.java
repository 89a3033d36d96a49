package dev.customllm.redis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

/**
 * The connection to Redis that holds a fleet's rate limits and the cooldowns of its
 * routes: one per application, shared by its clients and routers, to a standalone server,
 * a Sentinel-managed master or a Redis Cluster. {@link #open()} connects and loads the
 * limits' script before the application takes traffic; without it, the connection opens
 * on first use. It never blocks a caller: while Redis cannot be reached, commands fail at
 * once (rather than queue) so that limits can fall back, and a connection that was lost
 * or could not be opened is opened anew at most once a second by a command, at once by a
 * probe (every half second while Redis is down). Lettuce's own reconnection, which logs
 * every attempt, is off. A standalone address that turns out to be a Redis Cluster node
 * fails the connection with a message that says so. Thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class RedisRateLimitConnection implements AutoCloseable {

	private static final long RETRY_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	private final ClientResources resources;

	private final AbstractRedisClient client;

	private final RedisConnectionSettings settings;

	private final RedisURI uri;

	private @Nullable CompletableFuture<Opened> connection;

	private long failedAt;

	/**
	 * Create a connection that is opened by {@link #open()} or on first use.
	 * @param settings where Redis is, with credentials, database and timeout
	 */
	public RedisRateLimitConnection(RedisConnectionSettings settings) {
		this.settings = settings;
		this.uri = uri(settings);
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
			.build();
		if (settings.clusterNodes().isEmpty()) {
			RedisClient redis = RedisClient.create(this.resources);
			redis.setOptions(options(ClientOptions.builder(), settings).build());
			this.client = redis;
		}
		else {
			List<RedisURI> nodes = new ArrayList<>();
			for (InetSocketAddress node : settings.clusterNodes()) {
				nodes.add(credentials(RedisURI.builder().withHost(node.getHostString()).withPort(node.getPort()),
						settings)
					.build());
			}
			RedisClusterClient cluster = RedisClusterClient.create(this.resources, nodes);
			ClusterClientOptions.Builder options = ClusterClientOptions.builder()
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					.enablePeriodicRefresh(Duration.ofSeconds(30))
					.build());
			cluster.setOptions((ClusterClientOptions) options(options, settings).build());
			this.client = cluster;
		}
	}

	static RedisURI uri(RedisConnectionSettings settings) {
		String master = settings.sentinelMaster();
		RedisURI.Builder builder = (master != null) ? sentinel(master, settings)
				: RedisURI.builder().withHost(settings.host()).withPort(settings.port());
		return credentials(builder.withDatabase(settings.database()), settings).build();
	}

	private static RedisURI.Builder credentials(RedisURI.Builder builder, RedisConnectionSettings settings) {
		// the URI's timeout bounds the handshake of a new connection, several round
		// trips;
		// each command has the settings' timeout
		RedisURI.Builder with = builder.withSsl(settings.ssl()).withTimeout(handshakeTimeout(settings.timeout()));
		String password = settings.password();
		if (password != null) {
			String username = settings.username();
			with = (username != null) ? with.withAuthentication(username, password)
					: with.withPassword(password.toCharArray());
		}
		return with;
	}

	private static Duration handshakeTimeout(Duration timeout) {
		Duration longer = timeout.multipliedBy(4);
		return (longer.compareTo(Duration.ofSeconds(2)) < 0) ? Duration.ofSeconds(2) : longer;
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

	private static ClientOptions.Builder options(ClientOptions.Builder options, RedisConnectionSettings settings) {
		// no reconnection by Lettuce's watchdog, which logs each attempt: a lost
		// connection is opened anew by the next command or probe
		options.autoReconnect(false)
			.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
			.socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).build());
		SslOptions ssl = sslOptions(settings);
		if (ssl != null) {
			options.sslOptions(ssl);
		}
		return options;
	}

	/**
	 * Connect, check that Redis is what the settings say (a standalone address must not
	 * be a cluster node), and load the limits' script, waiting at most 10 seconds: call
	 * it before the application takes traffic, so that its first calls find the
	 * connection open. Redis that cannot be reached is no error here: the limits fall
	 * back while it does not answer, and the connection is tried again on use.
	 * @return whether Redis answered
	 * @throws IllegalStateException when Redis answered but is not what the settings say,
	 * such as a Redis Cluster node behind standalone settings
	 */
	public boolean open() {
		try {
			connection(true).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof MisconfiguredException misconfigured) {
				throw new IllegalStateException(misconfigured.getMessage(), misconfigured);
			}
			return false;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

	/**
	 * Run the limits' script on one key.
	 * @param key the key
	 * @param args the script's arguments
	 * @return the script's answer; fails with a {@link TimeoutException} when Redis did
	 * not answer in time
	 */
	CompletableFuture<List<Object>> run(String key, String... args) {
		return slowAnswers(connection(false).thenCompose((opened) -> {
			String[] keys = { key };
			return opened.commands.<List<Object>>evalsha(opened.sha, ScriptOutputType.MULTI, keys, args)
				.toCompletableFuture()
				.exceptionallyCompose((failure) -> (unwrap(failure) instanceof RedisNoScriptException)
						// an empty restart or a failover lost the script: send it whole,
						// which
						// loads it again
						? opened.commands.<List<Object>>eval(RateLimitScript.SOURCE, ScriptOutputType.MULTI, keys, args)
							.toCompletableFuture()
						: CompletableFuture.failedFuture(failure));
		}));
	}

	/**
	 * Ask Redis something cheap on a path of its own: a {@code PING}, after opening the
	 * connection anew when the last attempt failed.
	 * @return completes once Redis answered; fails with a {@link TimeoutException} when
	 * it did not answer in time
	 */
	CompletableFuture<Void> ping() {
		return slowAnswers(connection(true).thenCompose((opened) -> opened.commands.ping().toCompletableFuture())
			.thenApply((pong) -> null));
	}

	/**
	 * Return the commands, sent once the connection is open: for other users of the same
	 * connection, such as the cooldowns of routes.
	 * @return completes with the commands
	 */
	CompletableFuture<RedisClusterAsyncCommands<String, String>> commands() {
		return connection(false).thenApply(Opened::commands);
	}

	/**
	 * Open a connection of its own for publish/subscribe.
	 * @return completes with the connection once it is open
	 */
	CompletableFuture<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
		if (this.client instanceof RedisClusterClient cluster) {
			return cluster.connectPubSubAsync(StringCodec.UTF8)
				.toCompletableFuture()
				.thenApply((connection) -> connection);
		}
		return ((RedisClient) this.client).connectPubSubAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
	}

	private static <T> CompletableFuture<T> slowAnswers(CompletableFuture<T> answer) {
		return answer.exceptionallyCompose((failure) -> {
			Throwable cause = unwrap(failure);
			if (cause instanceof RedisCommandTimeoutException) {
				TimeoutException timeout = new TimeoutException(cause.getMessage());
				timeout.initCause(cause);
				return CompletableFuture.failedFuture(timeout);
			}
			return CompletableFuture.failedFuture(cause);
		});
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private synchronized CompletableFuture<Opened> connection(boolean retryAtOnce) {
		CompletableFuture<Opened> current = this.connection;
		if (current != null) {
			if (!current.isDone() || (!current.isCompletedExceptionally() && current.join().isOpen())) {
				return current;
			}
			if (!retryAtOnce && System.nanoTime() - this.failedAt < RETRY_CONNECT_NANOS) {
				return current;
			}
			if (!current.isCompletedExceptionally()) {
				ignore(current.join().connection().closeAsync());
			}
		}
		CompletableFuture<Opened> next = connect();
		ignore(next.whenComplete((connected, failure) -> connectFailed(failure)));
		this.connection = next;
		return next;
	}

	private CompletableFuture<Opened> connect() {
		CompletableFuture<? extends StatefulConnection<String, String>> connecting;
		if (this.client instanceof RedisClusterClient cluster) {
			// the cluster's topology first: Lettuce connects only once it knows the slots
			connecting = cluster.refreshPartitionsAsync()
				.toCompletableFuture()
				.thenCompose((partitions) -> cluster.connectAsync(StringCodec.UTF8));
		}
		else {
			connecting = ((RedisClient) this.client).connectAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
		}
		return connecting.thenCompose((connection) -> {
			RedisClusterAsyncCommands<String, String> commands = commands(connection);
			CompletableFuture<String> checked = (connection instanceof StatefulRedisClusterConnection)
					? CompletableFuture.completedFuture("")
					: commands.info("cluster").toCompletableFuture().thenApply(this::notAClusterNode);
			return checked.thenCompose((ok) -> commands.scriptLoad(RateLimitScript.SOURCE).toCompletableFuture())
				.thenApply((sha) -> new Opened(connection, commands, sha))
				.whenComplete((opened, failure) -> {
					if (failure != null) {
						ignore(connection.closeAsync());
					}
				});
		});
	}

	private static RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection) {
		if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
			return cluster.async();
		}
		return ((StatefulRedisConnection<String, String>) connection).async();
	}

	private String notAClusterNode(String info) {
		if (info.contains("cluster_enabled:1")) {
			throw new MisconfiguredException("Redis at " + this.settings + " is a Redis Cluster node, but the "
					+ "rate-limit store's settings name a standalone server: configure the cluster's nodes "
					+ "(spring.data.redis.cluster.nodes, or RedisConnectionSettings.Builder.cluster(..))");
		}
		return info;
	}

	private synchronized void connectFailed(@Nullable Throwable failure) {
		if (failure != null) {
			this.failedAt = System.nanoTime();
		}
	}

	@Override
	public void close() {
		CompletableFuture<Opened> current;
		synchronized (this) {
			current = this.connection;
			this.connection = null;
		}
		if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
			current.join().connection.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		ignore(this.resources.shutdown(0, 2, TimeUnit.SECONDS));
	}

	/**
	 * Let a future run its course: what it does matters, not what it answers.
	 */
	private static void ignore(java.util.concurrent.Future<?> future) {
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
	 * An open connection, with the digest of the script loaded on it.
	 */
	private record Opened(StatefulConnection<String, String> connection,
			RedisClusterAsyncCommands<String, String> commands, String sha) {

		boolean isOpen() {
			return this.connection.isOpen();
		}

	}

	/**
	 * Redis answered, but is not what the settings say.
	 */
	private static final class MisconfiguredException extends IllegalStateException {

		MisconfiguredException(String message) {
			super(message);
		}

	}

}
