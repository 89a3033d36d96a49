package dev.customllm.completion;

import org.jspecify.annotations.Nullable;

/**
 * Values a {@link CompletionModel} uses where a request leaves them unset.
 *
 * @param model model name, or {@code null} to let the service choose
 * @param temperature sampling temperature, or {@code null} for the service's default
 * @param maxTokens maximum tokens to generate, or {@code null} for the service's default
 * @param api endpoint to call
 * @param path endpoint path, or {@code null} for the API's default path
 * @author Custom LLM team
 */
public record CompletionDefaults(@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens,
		CompletionApi api, @Nullable String path) {

	/**
	 * Defaults that leave every choice to the service and call the chat API.
	 */
	public static final CompletionDefaults NONE = new CompletionDefaults(null, null, null, CompletionApi.CHAT, null);

	public CompletionDefaults {
		RequestChecks.checkTemperature(temperature);
		RequestChecks.checkMaxTokens(maxTokens);
	}

	/**
	 * Return a copy with another model.
	 * @param model the model name
	 * @return the new defaults
	 */
	public CompletionDefaults withModel(String model) {
		return new CompletionDefaults(model, this.temperature, this.maxTokens, this.api, this.path);
	}

	/**
	 * Return the endpoint path to call.
	 * @return the configured path, or the API's default
	 */
	public String endpointPath() {
		return (this.path != null) ? this.path : this.api.defaultPath();
	}

}
