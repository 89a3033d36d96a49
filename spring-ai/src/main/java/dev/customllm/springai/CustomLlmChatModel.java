package dev.customllm.springai;

import reactor.core.publisher.Flux;

import dev.customllm.BlockingCallException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * A {@link CompletionModel} as a Spring AI {@link ChatModel} and
 * {@link StreamingChatModel}, so that {@code ChatClient}, its advisors, chat memory,
 * structured output and {@code @Tool} methods run on this project's client.
 *
 * <pre class="code">
 * ChatClient chat = ChatClient.create(new CustomLlmChatModel(client.completionModel()));
 * String answer = chat.prompt().user("Say hello").call().content();
 * </pre>
 * <p>
 * A prompt's system, user, assistant and tool messages become the request's messages in
 * order. Its options (model, temperature, max tokens, top-p, stop sequences; top-k and
 * the penalties as extra body parameters) override the completion model's defaults for
 * that call; a prompt without options gets {@link #getOptions()}. Tools offered through
 * {@link ToolCallingChatOptions} are sent as tool definitions, resolved by the
 * {@link ToolCallingManager}. As with Spring AI's own models, this model returns the tool
 * calls the service asks for and does not run them: {@code ChatClient}'s tool calling
 * advisor does.
 * <p>
 * Structured output: {@code ChatClient}'s {@code entity(..)} appends Spring AI's format
 * instructions to the prompt, as with any model. Asked for native structured output
 * ({@code entity(MyRecord.class, (spec) -> spec.useProviderStructuredOutput())} or
 * {@code AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT}), it hands the JSON Schema over
 * in {@link CustomLlmChatOptions#getOutputSchema()}, which this model sends as
 * {@code response_format} {@code json_schema}: servers with guided decoding then answer
 * in the schema's shape, and for a service that refuses {@code json_schema} the client
 * asks for {@code json_object} with the schema in a system message instead.
 * <p>
 * The answer carries the text, the tool calls, the finish reason, upper-cased as Spring
 * AI's OpenAI model reports it ({@code STOP}, {@code LENGTH}, {@code TOOL_CALLS}), and
 * the response id, model and token usage in its metadata. A stream emits one response per
 * chunk; the last one has the finish reason, the tool calls, the model and the usage.
 * <p>
 * Failures are the completion model's own {@link dev.customllm.LlmException}s, after its
 * retries: nothing is retried again here. Images in user messages are sent as content
 * parts (a URL as it is, bytes as a data URL); other media fail with an
 * {@link IllegalArgumentException} before any request.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CustomLlmChatModel implements ChatModel, StreamingChatModel {

	private final CompletionModel completionModel;

	private final CustomLlmChatOptions defaultOptions;

	private final PromptConverter converter;

	/**
	 * Create a chat model on a completion model, with no default options of its own.
	 * @param completionModel the completion model that sends the requests
	 */
	public CustomLlmChatModel(CompletionModel completionModel) {
		this(completionModel, CustomLlmChatOptions.builder().build(), ToolCallingManager.builder().build());
	}

	/**
	 * Create a chat model on a completion model.
	 * @param completionModel the completion model that sends the requests
	 * @param defaultOptions the options of prompts that carry none, typically
	 * {@link CustomLlmChatOptions} (others are copied into them); values left unset are
	 * the completion model's defaults
	 * @param toolCallingManager resolves the tool definitions of the options' tool
	 * callbacks
	 */
	public CustomLlmChatModel(CompletionModel completionModel, ChatOptions defaultOptions,
			ToolCallingManager toolCallingManager) {
		this.completionModel = completionModel;
		this.defaultOptions = CustomLlmChatOptions.from(defaultOptions);
		this.converter = new PromptConverter(toolCallingManager);
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		BlockingCallException.check("ChatModel.call(Prompt) (ChatClient...call())",
				"ChatModel.stream(Prompt) (ChatClient...stream())");
		return ResponseConverter.convert(this.completionModel.complete(request(prompt)));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> this.completionModel.stream(request(prompt))).map(ResponseConverter::convert);
	}

	/**
	 * Return the options of prompts that carry none; {@code ChatClient} starts from them,
	 * so that its prompts carry {@link CustomLlmChatOptions} and its native structured
	 * output reaches the service.
	 * @return the default options
	 */
	@Override
	public CustomLlmChatOptions getOptions() {
		return this.defaultOptions;
	}

	private CompletionRequest request(Prompt prompt) {
		ChatOptions options = (prompt.getOptions() != null) ? prompt.getOptions() : this.defaultOptions;
		return this.converter.convert(prompt.getInstructions(), options);
	}

}
