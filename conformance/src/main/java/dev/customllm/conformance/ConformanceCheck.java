package dev.customllm.conformance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.customllm.conformance.Finding.Support;

/**
 * Probes an OpenAI-compatible service for chat and text completions, streaming with
 * usage, {@code stream_options}, embeddings as base64 and float, tool calls, structured
 * output ({@code json_schema}, {@code json_object}), images, {@code /rerank}, the error
 * format and {@code /models}, and prints what it supports and what the starter does about
 * each difference.
 *
 * <pre>
 * ./mvnw -q -pl conformance -am compile exec:java -Dexec.args="--base-url=http://localhost:8000/v1"
 * </pre>
 *
 * @since 0.1.0
 */
public final class ConformanceCheck {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ConformanceSettings settings;

	private final ProbeClient client;

	/**
	 * Create a check of a service.
	 * @param settings the service and models to probe
	 */
	public ConformanceCheck(ConformanceSettings settings) {
		this.settings = settings;
		this.client = new ProbeClient(settings, TIMEOUT);
	}

	/**
	 * Run the check from the command line and print the table.
	 * @param args {@code --base-url=URL [--api-key=KEY] [--chat-model=NAME]
	 * [--embedding-model=NAME] [--rerank-model=NAME]}
	 */
	public static void main(String[] args) {
		run(args, System.out, System.err);
	}

	static boolean run(String[] args, PrintStream out, PrintStream err) {
		ConformanceSettings settings;
		try {
			settings = ConformanceSettings.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(ConformanceSettings.USAGE);
			return false;
		}
		out.print(ReportTable.render(settings.baseUrl(), new ConformanceCheck(settings).run()));
		return true;
	}

	/**
	 * Probe the service.
	 * @return one finding per capability, in the order of the table
	 */
	public List<Finding> run() {
		List<Finding> findings = new ArrayList<>();
		ProbeResponse models = this.client.get("/models");
		findings.add(models(models));
		String chatModel = chatModel(models.json());
		String embeddingModel = embeddingModel(models.json(), chatModel);
		String rerankModel = rerankModel(models.json(), chatModel);
		CompletionProbes completions = new CompletionProbes(this.client, chatModel);
		findings.add(completions.chat());
		findings.add(completions.text());
		findings.add(completions.streaming());
		findings.addAll(completions.streamUsage());
		ResponsesProbes responses = new ResponsesProbes(this.client, chatModel);
		findings.add(responses.answer());
		findings.add(responses.streaming());
		findings.add(responses.toolCalls());
		findings.add(responses.reasoning());
		EmbeddingProbes embeddings = new EmbeddingProbes(this.client, embeddingModel);
		findings.add(embeddings.floats());
		findings.add(embeddings.base64());
		findings.add(completions.toolCalls());
		FeatureProbes features = new FeatureProbes(this.client, chatModel);
		findings.add(features.jsonSchema());
		findings.add(features.jsonObject());
		findings.add(features.images());
		ReasoningProbes reasoning = new ReasoningProbes(this.client, chatModel);
		findings.addAll(reasoning.reasoning());
		findings.add(reasoning.logprobs());
		findings.add(new RerankProbe(this.client, rerankModel).rerank());
		findings.add(completions.errorFormat());
		findings.addAll(new StarterProbe(this.settings).run(chatModel, embeddingModel, rerankModel));
		return findings;
	}

	private static Finding models(ProbeResponse response) {
		JsonNode data = response.json().path("data");
		if (response.ok() && data.isArray()) {
			List<String> ids = data.values().stream().map((model) -> model.path("id").asString("?")).toList();
			return new Finding("/models", Support.YES,
					ids.size() + " listed: " + CompletionProbes.brief(String.join(", ", ids)),
					"Not needed; model names go in custom.llm.*.model.");
		}
		return new Finding("/models", Support.NO, response.summary(),
				"Not needed; set custom.llm.completion.model and custom.llm.embedding.model.");
	}

	private String chatModel(JsonNode models) {
		String configured = this.settings.chatModel();
		return (configured != null) ? configured : firstModel(models, "", "default");
	}

	private String embeddingModel(JsonNode models, String chatModel) {
		String configured = this.settings.embeddingModel();
		return (configured != null) ? configured : firstModel(models, "embed", chatModel);
	}

	private String rerankModel(JsonNode models, String chatModel) {
		String configured = this.settings.rerankModel();
		return (configured != null) ? configured : firstModel(models, "rerank", chatModel);
	}

	private static String firstModel(JsonNode models, String containing, String fallback) {
		@Nullable String found = models.path("data")
			.values()
			.stream()
			.map((model) -> model.path("id").asString(""))
			.filter((id) -> !id.isEmpty() && id.contains(containing))
			.findFirst()
			.orElse(null);
		return (found != null) ? found : fallback;
	}

}
