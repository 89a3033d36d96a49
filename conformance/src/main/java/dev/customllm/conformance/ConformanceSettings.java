package dev.customllm.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.customllm.CustomLlmClient;

/**
 * What to check: the service and the models to probe it with.
 *
 * @param baseUrl the base URL of the service, usually ending in {@code /v1}
 * @param apiKey the API key, or {@code null} for a service that needs none
 * @param chatModel the model for completions, or {@code null} for the first one listed
 * @param embeddingModel the model for embeddings, or {@code null} for the first listed
 * one whose name contains "embed"
 * @param rerankModel the model for {@code /rerank}, or {@code null} for the first listed
 * one whose name contains "rerank"
 * @since 0.1.0
 */
public record ConformanceSettings(String baseUrl, @Nullable String apiKey, @Nullable String chatModel,
		@Nullable String embeddingModel, @Nullable String rerankModel) {

	static final String USAGE = """
			Usage: ConformanceCheck --base-url=URL [--api-key=KEY] [--chat-model=NAME] [--embedding-model=NAME]
			                        [--rerank-model=NAME]
			  The key defaults to the CUSTOM_API_KEY environment variable.""";

	private static final List<String> OPTIONS = List.of("base-url", "api-key", "chat-model", "embedding-model",
			"rerank-model");

	/**
	 * Create settings that find the rerank model in the list of models.
	 * @param baseUrl the base URL of the service
	 * @param apiKey the API key, or {@code null}
	 * @param chatModel the model for completions, or {@code null}
	 * @param embeddingModel the model for embeddings, or {@code null}
	 */
	public ConformanceSettings(String baseUrl, @Nullable String apiKey, @Nullable String chatModel,
			@Nullable String embeddingModel) {
		this(baseUrl, apiKey, chatModel, embeddingModel, null);
	}

	/**
	 * Read the settings from command-line arguments of the form {@code --name=value}.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the settings
	 * @throws IllegalArgumentException if an argument is unknown or the base URL is
	 * missing
	 */
	public static ConformanceSettings parse(String[] args, Map<String, String> environment) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : "";
			if (!OPTIONS.contains(name)) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
			options.put(name, arg.substring(equals + 1));
		}
		String baseUrl = blankToNull(options.get("base-url"));
		if (baseUrl == null) {
			throw new IllegalArgumentException("--base-url is required");
		}
		String apiKey = blankToNull(
				options.getOrDefault("api-key", environment.get(CustomLlmClient.API_KEY_ENVIRONMENT_VARIABLE)));
		return new ConformanceSettings(baseUrl.replaceAll("/+$", ""), apiKey, blankToNull(options.get("chat-model")),
				blankToNull(options.get("embedding-model")), blankToNull(options.get("rerank-model")));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "ConformanceSettings[baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ", chatModel=" + this.chatModel + ", embeddingModel=" + this.embeddingModel + ", rerankModel="
				+ this.rerankModel + "]";
	}

}
