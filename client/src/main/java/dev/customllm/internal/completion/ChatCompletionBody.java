package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
record ChatCompletionBody(@Nullable String model, List<MessageBody> messages, @Nullable Double temperature,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens, @JsonProperty("top_p") @Nullable Double topP,
		@Nullable List<String> stop, @Nullable Long seed, @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions, @Nullable List<ToolBody> tools,
		@JsonProperty("tool_choice") @Nullable Object toolChoice,
		@JsonProperty("response_format") @Nullable ResponseFormatBody responseFormat,
		@JsonProperty("reasoning_effort") @Nullable String reasoningEffort, @JsonIgnore Map<String, Object> extra) {

	private static final Set<String> TOOL_CHOICE_MODES = Set.of("auto", "none", "required");

	static ChatCompletionBody of(CompletionRequest request, CompletionDefaults defaults) {
		List<MessageBody> messages = new ArrayList<>(request.messages().size() + 1);
		for (Message message : request.messages()) {
			messages.add(MessageBody.of(message));
		}
		if (request.prompt() != null) {
			messages.add(MessageBody.of(Message.user(request.prompt())));
		}
		List<ToolBody> tools = request.tools().isEmpty() ? null : request.tools().stream().map(ToolBody::of).toList();
		return new ChatCompletionBody(Requests.model(request, defaults), messages,
				Requests.temperature(request, defaults), Requests.maxTokens(request, defaults), request.topP(),
				Requests.stop(request), request.seed(), null, null, tools, toolChoice(request.toolChoice()),
				ResponseFormatBody.of(request.responseFormat()), request.reasoningEffort(), request.extra());
	}

	private static @Nullable Object toolChoice(@Nullable String choice) {
		if (choice == null || TOOL_CHOICE_MODES.contains(choice)) {
			return choice;
		}
		return Map.of("type", "function", "function", Map.of("name", choice));
	}

	/**
	 * Return a copy that asks for a stream.
	 * @param includeUsage whether to ask for the usage with {@code stream_options}
	 * @return the streaming body
	 */
	ChatCompletionBody streaming(boolean includeUsage) {
		StreamOptions options = includeUsage ? StreamOptions.INCLUDE_USAGE : null;
		return new ChatCompletionBody(this.model, this.messages, this.temperature, this.maxTokens, this.topP, this.stop,
				this.seed, true, options, this.tools, this.toolChoice, this.responseFormat, this.reasoningEffort,
				this.extra);
	}

	@JsonAnyGetter
	Map<String, Object> extraParameters() {
		return this.extra;
	}

}
