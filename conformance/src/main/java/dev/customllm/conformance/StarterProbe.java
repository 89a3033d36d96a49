package dev.customllm.conformance;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.conformance.Finding.Support;
import dev.customllm.embedding.Embedding;

/**
 * Runs a completion and an embedding through the starter's own client, to show that it
 * copes with the differences found by the raw probes.
 */
final class StarterProbe {

	private final ConformanceSettings settings;

	StarterProbe(ConformanceSettings settings) {
		this.settings = settings;
	}

	List<Finding> run(String chatModel, String embeddingModel) {
		List<Finding> findings = new ArrayList<>();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(this.settings.baseUrl())
			.apiKey(this.settings.apiKey())
			.build()) {
			findings.add(complete(client, chatModel));
			findings.add(embed(client, embeddingModel));
		}
		return findings;
	}

	private static Finding complete(CustomLlmClient client, String model) {
		try {
			String text = client.completionModel(model).complete(Requests.QUESTION);
			return new Finding("starter: CompletionModel", Support.YES,
					"answered \"" + CompletionProbes.brief(text) + "\"", "Works as configured.");
		}
		catch (LlmException | IllegalArgumentException ex) {
			return failed("starter: CompletionModel", ex);
		}
	}

	private static Finding embed(CustomLlmClient client, String model) {
		try {
			List<Embedding> embeddings = client.embeddingModel(model).embedAll(List.of("first text", "second text"));
			return new Finding("starter: EmbeddingModel", Support.YES,
					embeddings.size() + " x " + embeddings.get(0).dimensions() + " dimensions", "Works as configured.");
		}
		catch (LlmException | IllegalArgumentException ex) {
			return failed("starter: EmbeddingModel", ex);
		}
	}

	private static Finding failed(String capability, RuntimeException ex) {
		return new Finding(capability, Support.NO, ex.getClass().getSimpleName() + ": " + ex.getMessage(),
				"See the rows above for what to configure.");
	}

}
