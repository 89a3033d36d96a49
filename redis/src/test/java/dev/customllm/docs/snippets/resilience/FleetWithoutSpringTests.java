package dev.customllm.docs.snippets.resilience;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.customllm.CustomLlmClient;
import dev.customllm.resilience.RateLimitStoreStatus.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippet of docs/fleet.md builds a client whose limits are shared through Redis,
 * without connecting to it before the first call.
 */
class FleetWithoutSpringTests {

	@Test
	void snippetBuildsAClientWithItsLimitsInRedis() throws Exception {
		List<AutoCloseable> closeables = new ArrayList<>();
		CustomLlmClient client = FleetWithoutSpring.client(closeables);
		try {
			assertThat(client.rateLimitStoreStatus()).get().satisfies((status) -> {
				assertThat(status.state()).isEqualTo(State.SHARED);
				assertThat(status.store()).isEqualTo("redis://redis.internal:6379/0 (keys {custom-llm:vllm}:*)");
			});
		}
		finally {
			for (AutoCloseable closeable : closeables) {
				closeable.close();
			}
		}
	}

}
