package dev.customllm.docs.snippets.routing;

import org.junit.jupiter.api.Test;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.test.LlmFault;
import dev.customllm.test.SimulatedDeployments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippet of docs/routing.md routes around a zone that is down and sends a prompt too
 * long for the zones to the fallback.
 */
class TwoZonesTests {

	@Test
	void snippetRoutesAroundADeadZoneAndFallsBackOnLongPrompts() {
		try (SimulatedDeployments deployments = SimulatedDeployments.start("zone-a", "zone-b", "openai")) {
			CompletionModel chat = TwoZones.route(deployments.baseUrl("zone-a"), deployments.baseUrl("zone-b"),
					deployments.baseUrl("openai"));
			deployments.down("zone-a");
			deployments.down("zone-b");
			assertThat(chat.complete(CompletionRequest.of("Hello")).deployment()).isEqualTo("openai");
			deployments.reset();
			deployments.fail("zone-a", LlmFault.status(400, "This model's maximum context length is 32768 tokens."));
			deployments.fail("zone-b", LlmFault.status(400, "This model's maximum context length is 32768 tokens."));
			assertThat(chat.complete(CompletionRequest.of("A very long prompt")).deployment()).isEqualTo("openai");
			assertThat(deployments.calls("openai")).isEqualTo(1);
		}
	}

}
