package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /completions}.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TextCompletionBody(@Nullable String model, String prompt, @Nullable Double temperature,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens, @JsonProperty("top_p") @Nullable Double topP,
		@Nullable List<String> stop, @Nullable Long seed, @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions, @Nullable Integer logprobs,
		@JsonIgnore Map<String, Object> extra) {

	static TextCompletionBody of(CompletionRequest request, CompletionDefaults defaults) {
		if (!request.messages().isEmpty() || request.prompt() == null) {
			throw new IllegalArgumentException(
					"messages are not supported by the text completion API (custom.llm.completion.api=text): give a prompt only");
		}
		if (request.responseFormat() != null) {
			throw new IllegalArgumentException(
					"responseFormat is not supported by the text completion API (custom.llm.completion.api=text): use the chat API");
		}
		if (!request.tools().isEmpty() || request.toolChoice() != null) {
			throw new IllegalArgumentException(
					"tools are not supported by the text completion API (custom.llm.completion.api=text): use the chat API");
		}
		return new TextCompletionBody(Requests.model(request, defaults), request.prompt(),
				Requests.temperature(request, defaults), Requests.maxTokens(request, defaults), request.topP(),
				Requests.stop(request), request.seed(), null, null, logprobs(request), request.extra());
	}

	/**
	 * The legacy API's {@code logprobs}: the number of alternatives per token, 0 for the
	 * tokens' own log-probabilities only.
	 */
	private static @Nullable Integer logprobs(CompletionRequest request) {
		if (!request.logprobs()) {
			return null;
		}
		return (request.topLogprobs() != null) ? request.topLogprobs() : 0;
	}

	/**
	 * Return a copy that asks for a stream.
	 * @param includeUsage whether to ask for the usage with {@code stream_options}
	 * @return the streaming body
	 */
	TextCompletionBody streaming(boolean includeUsage) {
		StreamOptions options = includeUsage ? StreamOptions.INCLUDE_USAGE : null;
		return new TextCompletionBody(this.model, this.prompt, this.temperature, this.maxTokens, this.topP, this.stop,
				this.seed, true, options, this.logprobs, this.extra);
	}

	@JsonAnyGetter
	Map<String, Object> extraParameters() {
		return this.extra;
	}

}
