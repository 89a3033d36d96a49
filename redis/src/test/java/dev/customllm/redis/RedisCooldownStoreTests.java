package dev.customllm.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.customllm.LlmApiException;
import dev.customllm.LlmApiException.ProviderError;
import dev.customllm.LlmApiException.RetryHints;
import dev.customllm.LlmOperation;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.DeploymentStatus;
import dev.customllm.routing.DeploymentStatus.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisCooldownStore}: routers of two application instances on one Redis
 * share their cooldowns.
 */
class RedisCooldownStoreTests {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final String prefix = "custom-llm-test:" + UUID.randomUUID();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void twoInstancesOnOneRedisShareACooldown() {
		RedisServers.OwnRedis redis = closing(new RedisServers.OwnRedis());
		Instance first = new Instance(store(redis.port()));
		Instance second = new Instance(store(redis.port()));
		assertThat(first.router.complete("Hello")).isEqualTo("from zone-b");
		assertThat(first.zoneACalls.get()).isEqualTo(1);
		awaitState(second.router, State.COOLING);
		for (int i = 0; i < 5; i++) {
			assertThat(second.router.complete("Hello")).isEqualTo("from zone-b");
		}
		assertThat(second.zoneACalls.get()).as("the second instance kept off zone-a").isZero();
		Instance late = new Instance(store(redis.port()));
		awaitState(late.router, State.COOLING);
		assertThat(late.router.deployments().get(0).coolingUntil())
			.isEqualTo(first.router.deployments().get(0).coolingUntil());
	}

	@Test
	void storeOutageDegradesToLocalCooldownsWithoutFailingCalls() {
		Instance instance = new Instance(store(RedisServers.freePort()));
		for (int i = 0; i < 3; i++) {
			assertThat(instance.router.complete("Hello")).isEqualTo("from zone-b");
		}
		assertThat(instance.zoneACalls.get()).isEqualTo(1);
		assertThat(instance.router.deployments().get(0).state()).isEqualTo(State.COOLING);
	}

	@Test
	void toStringNamesTheAddressAndKeysButNoCredentials() {
		RedisRateLimitConnection connection = closing(new RedisRateLimitConnection(RedisConnectionSettings.builder()
			.standalone("127.0.0.1", 6380)
			.credentials("fleet", "s3cret")
			.build()));
		assertThat(new RedisCooldownStore(connection, "custom-llm"))
			.hasToString("redis://127.0.0.1:6380/0 (keys custom-llm:cooldowns:*)");
	}

	private static void awaitState(CompletionRouter router, State state) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		DeploymentStatus status = router.deployments().get(0);
		while (status.state() != state && System.nanoTime() < deadline) {
			RedisServers.sleep(Duration.ofMillis(10));
			status = router.deployments().get(0);
		}
		assertThat(status.state()).isEqualTo(state);
	}

	private RedisCooldownStore store(int port) {
		RedisRateLimitConnection connection = closing(new RedisRateLimitConnection(RedisConnectionSettings.builder()
			.standalone("127.0.0.1", port)
			.timeout(Duration.ofSeconds(2))
			.build()));
		return closing(new RedisCooldownStore(connection, this.prefix));
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	/**
	 * One application instance: a route whose first deployment is down.
	 */
	private final class Instance {

		final AtomicInteger zoneACalls = new AtomicInteger();

		final CompletionRouter router;

		Instance(RedisCooldownStore store) {
			CompletionModel zoneA = (request) -> Mono.fromCallable(this.zoneACalls::incrementAndGet)
				.flatMap((call) -> Mono.error(new LlmApiException(LlmOperation.CHAT, 503,
						new ProviderError("The server is overloaded.", "server_error", null, null), RetryHints.NONE)));
			CompletionModel zoneB = (request) -> Mono.just(CompletionResponse.of("from zone-b"));
			this.router = closing(CompletionRouter.builder()
				.name("chat")
				.deployment("zone-a", zoneA)
				.deployment("zone-b", zoneB)
				.allowedFails(1)
				.cooldown(Duration.ofMinutes(5))
				.cooldownStore(store)
				.build());
		}

	}

}
