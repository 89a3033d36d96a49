package dev.customllm.springai;

import reactor.core.publisher.Flux;

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
 * The answer carries the text, the tool calls, the finish reason, upper-cased as Spring
 * AI's OpenAI model reports it ({@code STOP}, {@code LENGTH}, {@code TOOL_CALLS}), and
 * the response id, model and token usage in its metadata. A stream emits one response per
 * chunk; the last one has the finish reason, the tool calls, the model and the usage.
 * <p>
 * Failures are the completion model's own {@link dev.customllm.LlmException}s, after its
 * retries: nothing is retried again here. Images in user messages are sent as content parts
 * (a URL as it is, bytes as a data URL); other media fail with an
 * {@link IllegalArgumentException} before any request.
 *
 * @author Custom LLM team
 */
public final class CustomLlmChatModel implements ChatModel, StreamingChatModel {

	private final CompletionModel completionModel;

	private final ToolCallingChatOptions defaultOptions;

	private final PromptConverter converter;

	/**
	 * Create a chat model on a completion model, with no default options of its own.
	 * @param completionModel the completion model that sends the requests
	 */
	public CustomLlmChatModel(CompletionModel completionModel) {
		this(completionModel, ToolCallingChatOptions.builder().build(), ToolCallingManager.builder().build());
	}

	/**
	 * Create a chat model on a completion model.
	 * @param completionModel the completion model that sends the requests
	 * @param defaultOptions the options of prompts that carry none; values left unset are
	 * the completion model's defaults
	 * @param toolCallingManager resolves the tool definitions of the options' tool
	 * callbacks
	 */
	public CustomLlmChatModel(CompletionModel completionModel, ToolCallingChatOptions defaultOptions,
			ToolCallingManager toolCallingManager) {
		this.completionModel = completionModel;
		this.defaultOptions = defaultOptions;
		this.converter = new PromptConverter(toolCallingManager);
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		return ResponseConverter.convert(this.completionModel.complete(request(prompt)));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> this.completionModel.stream(request(prompt))).map(ResponseConverter::convert);
	}

	/**
	 * Return the options of prompts that carry none; {@code ChatClient} starts from them.
	 * @return the default options
	 */
	@Override
	public ToolCallingChatOptions getOptions() {
		return this.defaultOptions;
	}

	private CompletionRequest request(Prompt prompt) {
		ChatOptions options = (prompt.getOptions() != null) ? prompt.getOptions() : this.defaultOptions;
		return this.converter.convert(prompt.getInstructions(), options);
	}

}
