package dev.customllm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.redis.RedisServers;
import dev.customllm.redis.RedisServers.OwnRedis;
import dev.customllm.redis.SlowProxy;
import dev.customllm.resilience.RateLimitStoreStatus.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A fleet of three instances sharing their limits through a redis-server of the test's
 * own: a crowd of callers starting cold at once, Redis slowed by a proxy, then Redis
 * stopped, hung and back. Asserts the mechanism (requests within the burst plus the
 * refill by any moment, every permit from the shared bucket, Redis round trips per
 * permit, no false outage, one log line per outage and instance, no call waiting for a
 * hung Redis once it is known down) rather than tight timings, so that a slow, shared
 * machine does not make it fail.
 */
@ExtendWith(LogCaptureExtension.class)
@Timeout(60)
class FleetCrowdTests {

	private static final int LIMIT = 20;

	private static final int INSTANCES = 3;

	private static final int COLD_CALLERS_PER_INSTANCE = 192;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final List<MeterRegistry> meters = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void coldInstancesWithACrowdEachStayWithinTheSharedLimitWithoutFalseOutages(CapturedLog output) {
		OwnRedis redis = closing(new OwnRedis());
		Service service = closing(new Service(Duration.ZERO));
		String prefix = uniquePrefix();
		// each instance opens its connection and loads the script at start-up, as a Boot
		// application does before it reports ready; its buckets are cold
		List<CustomLlmClient> fleet = fleet(service, redis.port(), prefix, StoreFailureAction.REJECT,
				Duration.ofMillis(500));
		long start = System.nanoTime();
		Crowd crowd = closing(new Crowd(models(fleet), COLD_CALLERS_PER_INSTANCE));
		RedisServers.sleep(Duration.ofSeconds(4));
		long end = System.nanoTime();
		crowd.close();
		List<Double> arrivals = service.arrivalsSince(start, end);
		int[] perSecond = perSecond(arrivals);
		List<Double> granted = granted("redis");
		System.out.printf(
				"fleet crowd: %d instances x %d callers, cold, limit %d/s: %s requests per second, "
						+ "%d calls, %s permits granted per instance%n",
				INSTANCES, COLD_CALLERS_PER_INSTANCE, LIMIT, Arrays.toString(perSecond), crowd.started(), granted);
		// by any moment t, at most the burst plus the refill (+1): robust to stalls,
		// which
		// only delay requests
		for (int k = 0; k < arrivals.size(); k++) {
			assertThat(k + 1.0).as("requests by %.3f s: at most the burst plus the refill (+1)", arrivals.get(k))
				.isLessThanOrEqualTo(LIMIT + LIMIT * arrivals.get(k) + 1);
		}
		assertThat(perSecond[0]).as("first second").isLessThanOrEqualTo(2 * LIMIT + 1);
		assertNoOutage(fleet, output, prefix);
		assertThat(granted).as("permits granted to each instance: no instance waits for the others' crowds")
			.allSatisfy((each) -> assertThat(each).isGreaterThanOrEqualTo(LIMIT / 2));
		assertThat(arrivals).as("requests in 4 s").hasSizeGreaterThan(2 * LIMIT);
		assertThat(crowd.failures()).as("no call refused while Redis is healthy").isEmpty();
	}

	@Test
	void slowRedisIsNoOutageAndTheFleetStaysAtItsLimit(CapturedLog output) {
		OwnRedis redis = closing(new OwnRedis());
		SlowProxy slow = closing(new SlowProxy(redis.port(), Duration.ofMillis(300)));
		Service service = closing(new Service(Duration.ZERO));
		String prefix = uniquePrefix();
		// 300 ms more on every round trip, under the 500 ms timeout
		List<CustomLlmClient> fleet = fleet(service, slow.port(), prefix, StoreFailureAction.REJECT,
				Duration.ofMillis(500));
		RedisServers.command(redis.port(), "CONFIG", "RESETSTAT");
		long start = System.nanoTime();
		Crowd crowd = closing(new Crowd(models(fleet), 16));
		RedisServers.sleep(Duration.ofSeconds(10));
		long end = System.nanoTime();
		assertThat(crowd.finish(Duration.ofSeconds(15))).as("the calls under way end").isTrue();
		RoundTrips roundTrips = RoundTrips.of(RedisServers.commandCalls(redis.port()));
		double permits = granted("redis").stream().mapToDouble(Double::doubleValue).sum();
		List<Double> arrivals = service.arrivalsSince(start, end);
		long measured = arrivals.stream().filter((at) -> at >= 3).count();
		double rate = measured / ((end - start) / 1e9 - 3);
		System.out.printf(
				"slow Redis (+300 ms per round trip): %s requests per second, %.2f/s from 3 s on (limit %d/s), "
						+ "%d calls refused, %.0f permits granted, %s, %.2f round trips per granted permit%n",
				Arrays.toString(perSecond(arrivals, 10)), rate, LIMIT, crowd.failures().size(), permits, roundTrips,
				roundTrips.total() / permits);
		assertNoOutage(fleet, output, prefix);
		assertThat(crowd.failures()).as("calls refused with reject").isEmpty();
		assertThat(rate).as("the fleet's rate").isCloseTo(LIMIT, within(1.0));
		// one script per permit, plus one heartbeat per instance and second
		assertThat(roundTrips.total() / permits).as("Redis round trips per granted permit").isLessThan(1.3);
	}

	private void assertNoOutage(List<CustomLlmClient> fleet, CapturedLog output, String prefix) {
		assertThat(fleet).allSatisfy((client) -> assertThat(client.rateLimitStoreStatus()).get()
			.extracting(RateLimitStoreStatus::state)
			.isEqualTo(State.SHARED));
		assertThat(this.meters).allSatisfy((meters) -> {
			assertThat(meters.find("gen_ai.client.rate_limit.permits").tag("store", "local").counter())
				.as("permits from a local fallback")
				.isNull();
			assertThat(meters.find("gen_ai.client.rate_limit.store.failures").counter()).as("store failures").isNull();
			assertThat(meters.find("gen_ai.client.rate_limit.store.outages").counter()).as("outages").isNull();
		});
		assertThat(output.getAll()).doesNotContain("(keys {" + prefix + "}:*) is unreachable");
	}

	private List<Double> granted(String store) {
		return this.meters.stream()
			.map((meters) -> meters.find("gen_ai.client.rate_limit.permits")
				.tag("store", store)
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum())
			.toList();
	}

	@Test
	void outagesAreLoggedOncePerInstanceAndCallsDuringAHangDoNotEachWaitForRedis(CapturedLog output) {
		OwnRedis redis = closing(new OwnRedis());
		Service service = closing(new Service(Duration.ofMillis(100)));
		String prefix = uniquePrefix();
		List<CustomLlmClient> fleet = fleet(service, redis.port(), prefix, StoreFailureAction.LOCAL,
				Duration.ofMillis(500));
		// one caller per instance, about 10 calls per second: within the local limits too
		Crowd crowd = closing(new Crowd(models(fleet), 1));
		RedisServers.sleep(Duration.ofMillis(1500));

		redis.stop();
		RedisServers.sleep(Duration.ofSeconds(2));
		assertThat(fleet).allSatisfy((client) -> assertThat(client.rateLimitStoreStatus()).get()
			.extracting(RateLimitStoreStatus::state)
			.isEqualTo(State.LOCAL_FALLBACK));
		redis.start();
		Duration afterRestart = untilShared(fleet);

		RedisServers.sleep(Duration.ofSeconds(1));
		long hangStart = System.nanoTime();
		RedisServers.commandWithoutAnswer(redis.port(), "DEBUG", "SLEEP", "3");
		RedisServers.sleep(Duration.ofSeconds(3));
		long hangEnd = hangStart + Duration.ofSeconds(3).toNanos();
		Duration afterHang = untilShared(fleet);
		RedisServers.sleep(Duration.ofSeconds(1));
		crowd.close();

		Predicate<Crowd.Call> duringHang = (call) -> call.start() >= hangStart && call.start() < hangEnd;
		List<Crowd.Call> hung = crowd.calls(duringHang);
		List<Crowd.Call> waited = crowd.calls(duringHang.and((call) -> call.took().toMillis() >= 500));
		String store = "Rate-limit store redis://127.0.0.1:" + redis.port() + "/0 (keys {" + prefix + "}:*)";
		System.out.printf(
				"fleet outages: shared again %d ms after a restart and %d ms after a hang; "
						+ "%d calls during the hang, %d of them waited 500 ms or more%n",
				afterRestart.toMillis(), afterHang.toMillis(), hung.size(), waited.size());
		assertThat(crowd.failures()).as("local fallback: no call fails").isEmpty();
		assertThat(count(output.getAll(), store + " is unreachable")).as("WARN lines").isEqualTo(2 * INSTANCES);
		assertThat(count(output.getAll(), store + " answers again")).as("INFO lines").isEqualTo(2 * INSTANCES);
		assertThat(hung).as("calls during the hang").hasSizeGreaterThan(3 * INSTANCES);
		assertThat(waited).as("calls that waited for the hung Redis: at most the first of each caller, twice")
			.hasSizeLessThanOrEqualTo(2 * INSTANCES);
		assertThat(afterRestart).as("shared again after a restart").isLessThan(Duration.ofSeconds(2));
		assertThat(afterHang).as("shared again after a hang").isLessThan(Duration.ofSeconds(2));
	}

	private static Duration untilShared(List<CustomLlmClient> fleet) {
		long start = System.nanoTime();
		long deadline = start + Duration.ofSeconds(15).toNanos();
		while (!fleet.stream().allMatch((client) -> client.rateLimitStoreStatus().get().state() == State.SHARED)) {
			assertThat(System.nanoTime()).as("limits shared again").isLessThan(deadline);
			RedisServers.sleep(Duration.ofMillis(10));
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static int count(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	private static int[] perSecond(List<Double> arrivals) {
		return perSecond(arrivals, 4);
	}

	private static int[] perSecond(List<Double> arrivals, int seconds) {
		int[] counts = new int[seconds];
		for (double at : arrivals) {
			if (at < counts.length) {
				counts[(int) at]++;
			}
		}
		return counts;
	}

	private List<CustomLlmClient> fleet(Service service, int port, String prefix, StoreFailureAction onStoreFailure,
			Duration timeout) {
		List<CustomLlmClient> fleet = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			fleet.add(instance(service, port, prefix, onStoreFailure, timeout));
		}
		return fleet;
	}

	private static List<CompletionModel> models(List<CustomLlmClient> fleet) {
		return fleet.stream().map((client) -> client.completionModel("m")).toList();
	}

	private CustomLlmClient instance(Service service, int port, String prefix, StoreFailureAction onStoreFailure,
			Duration timeout) {
		RedisRateLimitConnection connection = closing(new RedisRateLimitConnection(
				RedisConnectionSettings.builder().standalone("127.0.0.1", port).timeout(timeout).build()));
		assertThat(connection.open()).as("Redis answers at start-up").isTrue();
		MeterRegistry meters = new SimpleMeterRegistry();
		this.meters.add(meters);
		return closing(CustomLlmClient.builder()
			.baseUrl(service.baseUrl())
			.apiKey("test")
			.retry(RetrySettings.NONE)
			.rateLimits(RateLimitSettings.builder()
				.requestsPerSecond((double) LIMIT)
				.maxWait(Duration.ofSeconds(30))
				.onStoreFailure(onStoreFailure)
				.build())
			.rateLimitStore(new RedisRateLimitStore(connection, prefix, timeout))
			.meterRegistry(meters)
			.build());
	}

	private static String uniquePrefix() {
		return "custom-llm-test:" + UUID.randomUUID();
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	/**
	 * The fake service: answers every call, after a delay, and records when each arrived.
	 */
	private static final class Service implements AutoCloseable {

		private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

		private final TestServer server;

		Service(Duration delay) {
			try {
				this.server = new TestServer((exchange) -> {
					this.arrivals.add(System.nanoTime());
					RedisServers.sleep(delay);
					TestServer.respond(exchange, 200, TestServer.ANSWER);
				}, 32);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		String baseUrl() {
			return this.server.baseUrl();
		}

		/**
		 * Return the seconds from {@code start} at which requests arrived before
		 * {@code end}, in order.
		 */
		List<Double> arrivalsSince(long start, long end) {
			return this.arrivals.stream()
				.filter((at) -> at >= start && at < end)
				.sorted()
				.map((at) -> (at - start) / 1e9)
				.toList();
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
