package dev.customllm.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.resilience.SharedBucket;
import dev.customllm.resilience.StoreFailureAction;

/**
 * Rate limits shared by a fleet through Redis. Three clients, each with its own
 * connection to a {@code redis-server} this scenario starts on a free port, share one
 * limit of 20 requests per second (a bucket of 20, refilled at 20 per second). Each run
 * starts cold (new clients, new keys) with a crowd of callers per client that call again
 * as soon as a call ends, against a loopback service that records when each request
 * arrived. Reported: the requests per second the service saw, the Redis round trips per
 * permit (from the server's {@code INFO commandstats}), and the calls that failed; for
 * the store as shipped (one Lua script per question) and for Bucket4j's plain
 * compare-and-swap (a store before it), both behind the same client.
 *
 * @author Custom LLM team
 */
final class FleetScenario {

	private static final int INSTANCES = 3;

	private static final int LIMIT = 20;

	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

	private static final CompletionRequest REQUEST = CompletionRequest.of("hello");

	private final int seconds;

	FleetScenario(boolean quick) {
		this.seconds = quick ? 3 : 8;
	}

	void run(PrintStream out) {
		if (!LocalRedis.available()) {
			out.println("fleet: skipped, no redis-server on the PATH");
			return;
		}
		List<Row> rows = new ArrayList<>();
		try (LocalRedis redis = LocalRedis.start(); Service service = new Service()) {
			measure(redis, service, Store.BATCHED, 8, StoreFailureAction.REJECT, 2); // warm-up
			for (int callers : new int[] { 1, 96, 192 }) {
				for (Store store : Store.values()) {
					rows.add(measure(redis, service, store, callers, StoreFailureAction.REJECT, this.seconds));
				}
			}
			for (Store store : Store.values()) {
				rows.add(measure(redis, service, store, 96, StoreFailureAction.LOCAL, this.seconds));
			}
		}
		print(out, rows);
	}

	private Row measure(LocalRedis redis, Service service, Store store, int callers, StoreFailureAction action,
			int seconds) {
		String prefix = "custom-llm-benchmark:" + UUID.randomUUID();
		List<AutoCloseable> closeables = new ArrayList<>();
		List<CompletionModel> models = new ArrayList<>();
		List<MeterRegistry> meters = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			meters.add(new SimpleMeterRegistry());
			CustomLlmClient client = CustomLlmClient.builder()
				.meterRegistry(meters.get(i))
				.baseUrl(service.baseUrl())
				.apiKey("benchmark")
				.retry(RetrySettings.NONE)
				.rateLimits(RateLimitSettings.builder()
					.requestsPerSecond((double) LIMIT)
					.maxWait(Duration.ofSeconds(30))
					.onStoreFailure(action)
					.build())
				.rateLimitStore(store.create(redis.uri(), prefix, closeables))
				.build();
			closeables.add(client);
			models.add(client.completionModel("m"));
		}
		redis.resetStatistics();
		AtomicInteger asked = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		Disposable crowd = crowd(models, callers, asked, failed);
		sleep(Duration.ofSeconds(seconds));
		crowd.dispose();
		long end = System.nanoTime();
		sleep(Duration.ofMillis(300));
		Map<String, Long> commands = redis.commandCalls();
		closeAll(closeables);
		List<Long> granted = meters.stream().map(FleetScenario::sharedPermits).toList();
		return new Row(store, callers, action, service.perSecond(start, end), asked.get(), failed.get(), commands,
				granted);
	}

	private static long sharedPermits(MeterRegistry meters) {
		return (long) meters.find("gen_ai.client.rate_limit.permits")
			.tag("store", "redis")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static Disposable crowd(List<CompletionModel> models, int callers, AtomicInteger asked,
			AtomicInteger failed) {
		List<Mono<Void>> all = new ArrayList<>();
		for (CompletionModel model : models) {
			for (int i = 0; i < callers; i++) {
				all.add(Mono.defer(() -> {
					asked.incrementAndGet();
					return model.completeAsync(REQUEST).then().onErrorResume((failure) -> {
						failed.incrementAndGet();
						return Mono.delay(Duration.ofMillis(5)).then();
					});
				}).repeat().then());
			}
		}
		return Flux.fromIterable(all).flatMap((caller) -> caller, all.size()).subscribe();
	}

	private static void print(PrintStream out, List<Row> rows) {
		out.printf("%nFleet: %d instances, limit %d requests/s (burst %d), Redis timeout %d ms%n%n", INSTANCES, LIMIT,
				LIMIT, REDIS_TIMEOUT.toMillis());
		out.println("| store | callers per instance | on-store-failure | first second (bound " + (2 * LIMIT + 1)
				+ ") | later seconds, max (bound " + (LIMIT + 1) + ") | later seconds, mean | permits asked "
				+ "| permits per instance | Redis round trips | per permit asked | CAS conflicts | calls failed |");
		out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
		for (Row row : rows) {
			out.println(row);
		}
	}

	private static void closeAll(List<AutoCloseable> closeables) {
		for (AutoCloseable closeable : closeables) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// best effort
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The stores compared.
	 */
	private enum Store {

		/**
		 * The library's store: one Lua script per question (EVALSHA).
		 */
		BATCHED("batched (as shipped)") {
			@Override
			RateLimitStore create(RedisURI uri, String prefix, List<AutoCloseable> closeables) {
				RedisRateLimitConnection connection = new RedisRateLimitConnection(RedisConnectionSettings.builder()
					.standalone(uri.getHost(), uri.getPort())
					.timeout(REDIS_TIMEOUT)
					.build());
				closeables.add(connection);
				return new RedisRateLimitStore(connection, prefix, REDIS_TIMEOUT);
			}
		},

		/**
		 * Bucket4j's compare-and-swap without batching: every call sends its own, and
		 * retries on every conflict. The store before batching.
		 */
		PLAIN("plain compare-and-swap (before)") {
			@Override
			RateLimitStore create(RedisURI uri, String prefix, List<AutoCloseable> closeables) {
				RedisClient client = RedisClient.create(uri);
				StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
				closeables.add(connection::close);
				closeables.add(client::shutdown);
				AsyncProxyManager<byte[]> buckets = Bucket4jLettuce.casBasedBuilder(connection)
					.expirationAfterWrite(
							ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
					.requestTimeout(REDIS_TIMEOUT)
					.build()
					.asAsync();
				return new PlainStore(buckets, prefix);
			}
		};

		private final String label;

		Store(String label) {
			this.label = label;
		}

		abstract RateLimitStore create(RedisURI uri, String prefix, List<AutoCloseable> closeables);

	}

	private record PlainStore(AsyncProxyManager<byte[]> buckets, String prefix) implements RateLimitStore {

		@Override
		public SharedBucket bucket(String limit, Bandwidth bandwidth) {
			io.github.bucket4j.BucketConfiguration configuration = io.github.bucket4j.BucketConfiguration.builder()
				.addLimit((builder) -> builder.capacity(bandwidth.capacity())
					.refillGreedy(bandwidth.refillTokens(), bandwidth.refillPeriod()))
				.build();
			return new PlainBucket(this.buckets.builder()
				.build((this.prefix + ":" + limit).getBytes(StandardCharsets.UTF_8), configuration));
		}

		@Override
		public java.util.concurrent.CompletableFuture<?> probe() {
			// a bucket of its own, read through Bucket4j like the others
			return bucket("probe", new Bandwidth(1, 1, java.time.Duration.ofSeconds(1))).availableTokens();
		}

		@Override
		public String kind() {
			return "redis";
		}

	}

	/**
	 * The SPI on a Bucket4j bucket without batching; Bucket4j's timeouts become the
	 * JDK's, as the SPI asks.
	 */
	private record PlainBucket(io.github.bucket4j.distributed.AsyncBucketProxy bucket) implements SharedBucket {

		@Override
		public java.util.concurrent.CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait,
				java.util.concurrent.ScheduledExecutorService scheduler) {
			return slow(maxWait.isZero() ? this.bucket.tryConsume(tokens)
					: this.bucket.asScheduler().tryConsume(tokens, maxWait, scheduler));
		}

		@Override
		public java.util.concurrent.CompletableFuture<Void> consumeIgnoringLimit(long tokens) {
			return slow(this.bucket.consumeIgnoringRateLimits(tokens).thenApply((penalty) -> null));
		}

		@Override
		public java.util.concurrent.CompletableFuture<Void> addTokens(long tokens) {
			return slow(this.bucket.addTokens(tokens));
		}

		@Override
		public java.util.concurrent.CompletableFuture<Long> availableTokens() {
			return slow(this.bucket.getAvailableTokens());
		}

		private static <T> java.util.concurrent.CompletableFuture<T> slow(
				java.util.concurrent.CompletableFuture<T> answer) {
			return answer.exceptionallyCompose((failure) -> {
				Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
				if (cause instanceof io.github.bucket4j.TimeoutException) {
					Throwable timeout = new java.util.concurrent.TimeoutException(cause.getMessage()).initCause(cause);
					return java.util.concurrent.CompletableFuture.failedFuture(timeout);
				}
				return java.util.concurrent.CompletableFuture.failedFuture(failure);
			});
		}

	}

	/**
	 * The results of one run.
	 */
	private record Row(Store store, int callers, StoreFailureAction action, int[] perSecond, int asked, int failed,
			Map<String, Long> commands, List<Long> granted) {

		@Override
		public String toString() {
			long evalsha = this.commands.getOrDefault("evalsha", 0L);
			long scripts = this.commands.getOrDefault("eval", 0L) + evalsha;
			// the library's store runs one script per question (its GETs and SETs are
			// inside
			// Redis); Bucket4j's compare-and-swap reads (GET), then sends a script (EVAL)
			long swaps = (evalsha > 0) ? 0 : scripts - this.commands.getOrDefault("set", 0L);
			long reads = (evalsha > 0) ? 0 : this.commands.getOrDefault("get", 0L) - swaps;
			long conflicts = (evalsha > 0) ? 0 : swaps - this.commands.getOrDefault("psetex", 0L);
			long roundTrips = reads + scripts + this.commands.getOrDefault("ping", 0L);
			int laterMax = 0;
			int laterSum = 0;
			for (int second = 1; second < this.perSecond.length; second++) {
				laterMax = Math.max(laterMax, this.perSecond[second]);
				laterSum += this.perSecond[second];
			}
			return String.format("| %s | %d | %s | %d | %d | %.1f | %d | %s | %d | %.2f | %d | %d |", this.store.label,
					this.callers, this.action.name().toLowerCase(), this.perSecond[0], laterMax,
					(double) laterSum / (this.perSecond.length - 1), this.asked,
					this.granted.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
					roundTrips, (double) roundTrips / Math.max(1, this.asked), conflicts, this.failed);
		}

	}

	/**
	 * A loopback service that answers every chat call at once and records when each
	 * request arrived.
	 */
	private static final class Service implements AutoCloseable {

		private static final byte[] ANSWER = ("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}],"
				+ "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
			.getBytes(StandardCharsets.UTF_8);

		private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

		private final ExecutorService executor = Executors.newFixedThreadPool(16);

		private final HttpServer server;

		Service() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					this.arrivals.add(System.nanoTime());
					exchange.getRequestBody().readAllBytes();
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, ANSWER.length);
					exchange.getResponseBody().write(ANSWER);
				}
			});
			this.server.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
		}

		/**
		 * Count the requests that arrived in each whole second from {@code start}.
		 */
		int[] perSecond(long start, long end) {
			int[] counts = new int[(int) ((end - start) / 1_000_000_000L)];
			for (long at : this.arrivals) {
				long second = (at - start) / 1_000_000_000L;
				if (at >= start && second < counts.length) {
					counts[(int) second]++;
				}
			}
			this.arrivals.clear();
			return counts;
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/**
	 * A {@code redis-server} of the scenario's own, on a free loopback port.
	 */
	private static final class LocalRedis implements AutoCloseable {

		private final Process process;

		private final RedisURI uri;

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		private LocalRedis(Process process, RedisURI uri) {
			this.process = process;
			this.uri = uri;
			this.client = RedisClient.create(uri);
			this.connection = connectWithin(Duration.ofSeconds(10));
		}

		static boolean available() {
			try {
				return new ProcessBuilder("redis-server", "--version").start().waitFor() == 0;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		static LocalRedis start() {
			int port = freePort();
			try {
				Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind",
						"127.0.0.1", "--save", "", "--appendonly", "no")
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				return new LocalRedis(process, RedisURI.create("127.0.0.1", port));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private StatefulRedisConnection<String, String> connectWithin(Duration wait) {
			long deadline = System.nanoTime() + wait.toNanos();
			while (true) {
				try {
					return this.client.connect();
				}
				catch (RuntimeException ex) {
					if (System.nanoTime() > deadline) {
						throw ex;
					}
					sleep(Duration.ofMillis(20));
				}
			}
		}

		private static int freePort() {
			try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		RedisURI uri() {
			return this.uri;
		}

		void resetStatistics() {
			this.connection.sync().configResetstat();
		}

		/**
		 * Return the calls per command ({@code get}, {@code eval}, …) since the last
		 * reset.
		 */
		Map<String, Long> commandCalls() {
			Map<String, Long> calls = new java.util.TreeMap<>();
			for (String line : this.connection.sync().info("commandstats").split("\r\n")) {
				if (line.startsWith("cmdstat_")) {
					String name = line.substring("cmdstat_".length(), line.indexOf(':'));
					String count = line.substring(line.indexOf("calls=") + "calls=".length(), line.indexOf(','));
					calls.put(name, Long.parseLong(count));
				}
			}
			return calls;
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
			this.process.destroyForcibly();
		}

	}

}
