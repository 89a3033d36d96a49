package dev.customllm.docs.snippets.routing;

import java.time.Duration;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.routing.CompletionRouter;
import dev.customllm.routing.RoutingStrategy;

/**
 * docs/routing.md, "Without Spring": two zones of a self-hosted model, weighted, with a
 * hosted model as the fallback for prompts too long for them.
 */
final class TwoZones {

	private TwoZones() {
	}

	static CompletionModel route(String zoneAUrl, String zoneBUrl, String openAiUrl) {
		// short retries per deployment: the route moves on to the next one instead
		RetrySettings quick = RetrySettings.builder().maxRetries(1).maxDelay(Duration.ofMillis(500)).build();
		CustomLlmClient zoneA = CustomLlmClient.builder().baseUrl(zoneAUrl).retry(quick).build();
		CustomLlmClient zoneB = CustomLlmClient.builder().baseUrl(zoneBUrl).retry(quick).build();
		CustomLlmClient openai = CustomLlmClient.builder()
			.baseUrl(openAiUrl)
			.apiKey(System.getenv("OPENAI_API_KEY"))
			.retry(quick)
			.build();
		CompletionRouter large = CompletionRouter.builder()
			.name("large")
			.deployment("openai", openai.completionModel("gpt-4.1-mini"))
			.build();
		return CompletionRouter.builder()
			.name("chat")
			.deployment("zone-a", zoneA.completionModel("qwen3"))
			.deployment("zone-b", zoneB.completionModel("qwen3"), 3)
			.deployment("openai", openai.completionModel("gpt-4.1-mini"))
			.strategy(RoutingStrategy.WEIGHTED)
			.allowedFails(3)
			.cooldown(Duration.ofSeconds(30))
			.contextWindowFallback(large)
			.build();
	}

}
