package dev.customllm.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /chat/completions}.
 *
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionBody(@Nullable String model, List<Message> messages, @Nullable Double temperature,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens, @JsonProperty("top_p") @Nullable Double topP,
		@Nullable List<String> stop, @Nullable Long seed, @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions, @JsonIgnore Map<String, Object> extra) {

	static ChatCompletionBody of(CompletionRequest request, CompletionDefaults defaults) {
		List<Message> messages = request.messages();
		if (request.prompt() != null) {
			messages = new ArrayList<>(messages);
			messages.add(Message.user(request.prompt()));
		}
		return new ChatCompletionBody(Requests.model(request, defaults), messages,
				Requests.temperature(request, defaults), Requests.maxTokens(request, defaults), request.topP(),
				Requests.stop(request), request.seed(), null, null, request.extra());
	}

	/**
	 * Return a copy that asks for a stream.
	 * @param includeUsage whether to ask for the usage with {@code stream_options}
	 * @return the streaming body
	 */
	ChatCompletionBody streaming(boolean includeUsage) {
		StreamOptions options = includeUsage ? StreamOptions.INCLUDE_USAGE : null;
		return new ChatCompletionBody(this.model, this.messages, this.temperature, this.maxTokens, this.topP, this.stop,
				this.seed, true, options, this.extra);
	}

	@JsonAnyGetter
	Map<String, Object> extraParameters() {
		return this.extra;
	}

}
