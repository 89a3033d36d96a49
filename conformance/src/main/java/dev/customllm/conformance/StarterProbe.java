package dev.customllm.conformance;

import java.util.ArrayList;
import java.util.List;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.conformance.Finding.Support;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.Embedding;
import dev.customllm.rerank.RankedDocument;

/**
 * Runs a completion, an embedding, a structured completion and a rerank through the
 * starter's own client, to show that it copes with the differences found by the raw
 * probes.
 */
final class StarterProbe {

	private final ConformanceSettings settings;

	StarterProbe(ConformanceSettings settings) {
		this.settings = settings;
	}

	List<Finding> run(String chatModel, String embeddingModel, String rerankModel) {
		List<Finding> findings = new ArrayList<>();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(this.settings.baseUrl())
			.apiKey(this.settings.apiKey())
			.build()) {
			findings.add(complete(client, chatModel));
			findings.add(embed(client, embeddingModel));
			findings.add(structured(client, chatModel));
			findings.add(rerank(client, rerankModel));
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

	private static Finding structured(CustomLlmClient client, String model) {
		try {
			Answer answer = client.completionModel(model)
				.complete(CompletionRequest.builder().prompt(Requests.QUESTION).repairAttempts(1).build(),
						Answer.class);
			return new Finding("starter: structured output", Support.YES,
					"answered {\"answer\": \"" + CompletionProbes.brief(answer.answer()) + "\"}",
					"Works as configured.");
		}
		catch (LlmException | IllegalArgumentException ex) {
			return failed("starter: structured output", ex);
		}
	}

	private static Finding rerank(CustomLlmClient client, String model) {
		try {
			List<RankedDocument> ranked = client.rerankModel(model)
				.rerank("What is the capital of France?", List.of("Bananas are yellow.", "Paris is in France."));
			return new Finding("starter: RerankModel", Support.YES, "best index " + ranked.get(0).index(),
					"Works as configured.");
		}
		catch (LlmException | IllegalArgumentException ex) {
			return failed("starter: RerankModel", ex);
		}
	}

	/**
	 * The answer of the structured output probe.
	 *
	 * @param answer the answer
	 */
	record Answer(String answer) {

	}

	private static Finding failed(String capability, RuntimeException ex) {
		return new Finding(capability, Support.NO, ex.getClass().getSimpleName() + ": " + ex.getMessage(),
				"See the rows above for what to configure.");
	}

}
