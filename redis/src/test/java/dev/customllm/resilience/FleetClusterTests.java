package dev.customllm.resilience;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.redis.RedisConnectionSettings;
import dev.customllm.redis.RedisRateLimitConnection;
import dev.customllm.redis.RedisRateLimitStore;
import dev.customllm.redis.RedisServers;
import dev.customllm.redis.RedisServers.OwnCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Rate limits shared through a Redis Cluster of three masters that the test makes with
 * {@code redis-cli --cluster create}; and a cluster node behind standalone settings.
 */
@Timeout(60)
class FleetClusterTests {

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
	void threeInstancesShareOneRequestRateThroughARedisCluster() throws Exception {
		OwnCluster cluster = closing(new OwnCluster());
		FleetLoad load = closing(new FleetLoad());
		String prefix = "custom-llm-test:" + UUID.randomUUID();
		List<InetSocketAddress> nodes = cluster.ports()
			.stream()
			.map((port) -> InetSocketAddress.createUnresolved("127.0.0.1", port))
			.toList();
		List<CompletionModel> fleet = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RedisRateLimitConnection connection = closing(
					new RedisRateLimitConnection(RedisConnectionSettings.builder().cluster(nodes).build()));
			assertThat(connection.open()).as("the cluster answers").isTrue();
			fleet.add(closing(CustomLlmClient.builder()
				.baseUrl(load.baseUrl())
				.apiKey("test")
				.rateLimits(RateLimitSettings.builder()
					.requestsPerSecond(FLEET_RATE)
					.maxWait(Duration.ofSeconds(10))
					.onStoreFailure(StoreFailureAction.REJECT)
					.build())
				.rateLimitStore(new RedisRateLimitStore(connection, prefix, Duration.ofMillis(500)))
				.build()).completionModel("m"));
		}
		double shared = load.run(fleet, 6, Duration.ofMillis(4000));
		int rateHolder = cluster.holderOf("{" + prefix + "}:rate");
		int instancesHolder = cluster.holderOf("{" + prefix + "}:instances");
		System.out.printf("fleet of 3 on a 3-master Redis Cluster: %.1f requests/s (limit %.0f)%n", shared, FLEET_RATE);
		assertThat(load.failures()).isZero();
		assertThat(shared).isCloseTo(FLEET_RATE, within(FLEET_RATE * 0.1));
		assertThat(rateHolder).as("the bucket's node").isPositive();
		assertThat(instancesHolder).as("all of a client's keys in one slot").isEqualTo(rateHolder);
	}

	@Test
	void standaloneSettingsOnAClusterNodeFailToOpenSayingSo() {
		OwnCluster cluster = closing(new OwnCluster());
		int port = cluster.ports().get(0);
		RedisRateLimitConnection connection = closing(
				new RedisRateLimitConnection(RedisConnectionSettings.builder().standalone("127.0.0.1", port).build()));
		assertThatIllegalStateException().isThrownBy(connection::open)
			.withMessageContaining("Redis at redis://127.0.0.1:" + port + "/0 is a Redis Cluster node")
			.withMessageContaining("spring.data.redis.cluster.nodes");
		assertThat(RedisServers.answers(port)).isTrue();
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

}
