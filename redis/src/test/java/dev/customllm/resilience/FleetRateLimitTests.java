package dev.customllm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRequestException;
import dev.customllm.LlmRequestException.Kind;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.redis.RedisServers;
import dev.customllm.redis.RedisServers.OwnRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Rate limits shared by a fleet of instances through a real Redis on loopback.
 */
@ExtendWith(LogCaptureExtension.class)
@Timeout(60)
class FleetRateLimitTests {

	private static final double FLEET_RATE = 20;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void threeInstancesShareOneRequestRateThroughRedis() throws Exception {
		FleetLoad load = closing(new FleetLoad());
		String prefix = uniquePrefix();
		RedisRateLimitConnection connection = closing(connection(RedisServers.sharedPort()));
		List<CompletionModel> local = List.of(instance(load, null), instance(load, null), instance(load, null));
		double alone = load.run(local, 6, Duration.ofMillis(2500));
		load.reset();
		List<CompletionModel> fleet = List.of(instance(load, store(connection, prefix)),
				instance(load, store(connection, prefix)), instance(load, store(connection, prefix)));
		double shared = load.run(fleet, 6, Duration.ofMillis(3500));
		System.out.printf("fleet of 3: %.1f requests/s with local limits, %.1f with Redis (limit %.0f)%n", alone,
				shared, FLEET_RATE);
		assertThat(alone).isGreaterThan(FLEET_RATE * 2.5);
		assertThat(shared).isCloseTo(FLEET_RATE, within(FLEET_RATE * 0.1));
		assertThat(load.failures()).isZero();
	}

	@Test
	void tokenBudgetIsSettledAgainstReportedUsage() throws Exception {
		AtomicInteger reportedTokens = new AtomicInteger(50);
		TestServer server = closing(new TestServer((exchange) -> TestServer.respond(exchange, 200,
				"{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}],\"usage\":{\"prompt_tokens\":"
						+ (reportedTokens.get() - 10) + ",\"completion_tokens\":10,\"total_tokens\":"
						+ reportedTokens.get() + "}}"),
				4));
		RedisRateLimitConnection connection = closing(connection(RedisServers.sharedPort()));
		RateLimitSettings limits = RateLimitSettings.builder()
			.tokensPerMinute(1000L)
			.maxWait(Duration.ofMillis(100))
			.onStoreFailure(StoreFailureAction.LOCAL)
			.build();
		String prefix = uniquePrefix();
		CompletionModel first = closing(client(server.baseUrl(), connection, prefix, limits, new SimpleMeterRegistry()))
			.completionModel("m");
		CompletionModel second = closing(
				client(server.baseUrl(), connection, prefix, limits, new SimpleMeterRegistry()))
			.completionModel("m");
		// 400 characters and 100 max tokens: 200 tokens reserved, 50 used
		CompletionRequest request = CompletionRequest.builder().prompt("x".repeat(400)).maxTokens(100).build();
		int granted = callsUntilRefused(first, request);
		assertThat(granted).as("calls granted with 1000 tokens per minute").isBetween(15, 19);
		RedisServers.sleep(Duration.ofMillis(100));
		assertThatExceptionOfType(LlmRequestException.class).as("the other instance shares the budget")
			.isThrownBy(() -> second.complete(request))
			.withMessageContaining("tokens-per-minute 1000 is spent: no permit for 201 tokens (estimated)");
		reportedTokens.set(600);
		String other = uniquePrefix();
		CompletionModel overspending = closing(
				client(server.baseUrl(), connection, other, limits, new SimpleMeterRegistry()))
			.completionModel("m");
		assertThat(callsUntilRefused(overspending, request)).as("calls granted when each uses 600 tokens").isEqualTo(2);
	}

	@Test
	void redisOutageFallsBackToAFairShareAndTheFleetLimitReturnsWithRedis(CapturedLog output) throws Exception {
		OwnRedis redis = closing(new OwnRedis());
		FleetLoad load = closing(new FleetLoad());
		String prefix = uniquePrefix();
		RateLimitSettings limits = RateLimitSettings.builder()
			.requestsPerSecond(FLEET_RATE)
			.maxWait(Duration.ofSeconds(10))
			.onStoreFailure(StoreFailureAction.LOCAL)
			.build();
		MeterRegistry meters = new SimpleMeterRegistry();
		List<CompletionModel> fleet = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RedisRateLimitConnection connection = closing(connection(redis.port()));
			fleet.add(closing(
					client(load.baseUrl(), connection, prefix, limits, (i == 0) ? meters : new SimpleMeterRegistry()))
				.completionModel("m"));
		}
		double before = load.run(fleet, 6, Duration.ofMillis(3000));
		redis.stop();
		// the instances find the store down and take their share's burst
		load.run(fleet, 6, Duration.ofMillis(1500));
		load.reset();
		double during = load.run(fleet, 6, Duration.ofMillis(5000));
		int callsDuringOutage = load.successes();
		int failuresDuringOutage = load.failures();
		redis.start();
		RedisServers.sleep(Duration.ofMillis(1500));
		load.reset();
		double after = load.run(fleet, 6, Duration.ofMillis(3000));
		System.out.printf(
				"Redis outage: %.1f requests/s before, %.1f during (local fallback), %.1f after (limit %.0f)%n", before,
				during, after, FLEET_RATE);
		assertThat(before).isCloseTo(FLEET_RATE, within(FLEET_RATE * 0.1));
		assertThat(callsDuringOutage).isGreaterThan(0);
		assertThat(failuresDuringOutage).isZero();
		assertThat(during).as("each instance takes a third of the limit").isBetween(FLEET_RATE * 0.7, FLEET_RATE * 1.1);
		assertThat(after).isCloseTo(FLEET_RATE, within(FLEET_RATE * 0.1));
		assertThat(meters.get("gen_ai.client.rate_limit.store.failures").counter().count()).isPositive();
		assertThat(meters.get("gen_ai.client.rate_limit.permits").tag("store", "redis").counter().count()).isPositive();
		assertThat(meters.get("gen_ai.client.rate_limit.permits").tag("store", "local").counter().count()).isPositive();
		assertThat(output.getAll().split("is unreachable", -1)).as("one WARN per instance and outage").hasSize(4);
		assertThat(output.getAll()).contains("answers again").doesNotContain(prefix + ":rate");
	}

	@Test
	void rejectActionRefusesCallsWhileRedisIsDown() throws Exception {
		OwnRedis redis = closing(new OwnRedis());
		TestServer server = closing(
				new TestServer((exchange) -> TestServer.respond(exchange, 200, TestServer.ANSWER), 4));
		RateLimitSettings limits = RateLimitSettings.builder()
			.requestsPerSecond(100.0)
			.maxWait(Duration.ofSeconds(1))
			.onStoreFailure(StoreFailureAction.REJECT)
			.build();
		MeterRegistry meters = new SimpleMeterRegistry();
		CompletionModel model = closing(
				client(server.baseUrl(), closing(connection(redis.port())), uniquePrefix(), limits, meters))
			.completionModel("m");
		assertThat(model.complete("before")).isEqualTo("ok");
		redis.stop();
		assertThatExceptionOfType(LlmRequestException.class).isThrownBy(() -> model.complete("during"))
			.withMessageContaining("unreachable and on-store-failure is reject")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.CLIENT_LIMIT));
		assertThat(meters.get("gen_ai.client.rate_limit.rejections")
			.tag("limit", "rate")
			.tag("reason", "store_down")
			.counter()
			.count()).isEqualTo(1);
		redis.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String answer = null;
		while (answer == null && System.nanoTime() < deadline) {
			try {
				answer = model.complete("after");
			}
			catch (LlmRequestException ex) {
				RedisServers.sleep(Duration.ofMillis(100));
			}
		}
		assertThat(answer).as("calls go through again once Redis is back").isEqualTo("ok");
	}

	private int callsUntilRefused(CompletionModel model, CompletionRequest request) {
		for (int calls = 0; calls < 100; calls++) {
			try {
				model.complete(request);
				// settlement is asynchronous: let it land before the next reservation
				RedisServers.sleep(Duration.ofMillis(50));
			}
			catch (LlmRequestException ex) {
				assertThat(ex.kind()).isEqualTo(Kind.CLIENT_LIMIT);
				return calls;
			}
		}
		return 100;
	}

	private CompletionModel instance(FleetLoad load, @Nullable RateLimitStore store) {
		RateLimitSettings limits = RateLimitSettings.builder()
			.requestsPerSecond(FLEET_RATE)
			.maxWait(Duration.ofSeconds(10))
			.onStoreFailure(StoreFailureAction.LOCAL)
			.build();
		return closing(CustomLlmClient.builder()
			.baseUrl(load.baseUrl())
			.apiKey("test")
			.rateLimits(limits)
			.rateLimitStore(store)
			.build()).completionModel("m");
	}

	private static RateLimitStore store(RedisRateLimitConnection connection, String prefix) {
		return RedisServers.warmedUp(new RedisRateLimitStore(connection, prefix, Duration.ofMillis(500)));
	}

	private static RedisRateLimitConnection connection(int port) {
		return new RedisRateLimitConnection(RedisConnectionSettings.builder().standalone("127.0.0.1", port).build());
	}

	private static CustomLlmClient client(String baseUrl, RedisRateLimitConnection connection, String prefix,
			RateLimitSettings limits, MeterRegistry meters) {
		return CustomLlmClient.builder()
			.baseUrl(baseUrl)
			.apiKey("test")
			.rateLimits(limits)
			.rateLimitStore(store(connection, prefix))
			.meterRegistry(meters)
			.build();
	}

	private static String uniquePrefix() {
		return "custom-llm-test:" + UUID.randomUUID();
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

}
