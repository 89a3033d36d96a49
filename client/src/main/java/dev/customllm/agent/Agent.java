package dev.customllm.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.BlockingCallException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.completion.ToolDefinition;

/**
 * A completion model with instructions, context documents, tools and retrieval, built by
 * an {@link AgentBuilder}. For each prompt the agent searches its indexes (narrowing what
 * they find with a reranker, if it has one), renders the preamble and the documents into
 * a system message, and runs the tool loop: while the model asks for tools, it runs them
 * (the calls of one round concurrently) and sends the results back, for at most
 * {@code maxToolRounds} rounds. Immutable and thread-safe.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Agent {

	static final String STRUCTURED_INSTRUCTION = "Now give your answer as JSON that matches the schema.";

	private final CompletionModel model;

	private final @Nullable String preamble;

	private final List<Document> documents;

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final Map<String, Object> extra;

	private final List<ToolDefinition> definitions;

	private final List<AgentBuilder.DynamicContext> dynamicContexts;

	private final ToolLoop loop;

	Agent(AgentBuilder builder) {
		this.model = builder.model;
		this.preamble = builder.preamble;
		this.documents = List.copyOf(builder.documents);
		this.temperature = builder.temperature;
		this.maxTokens = builder.maxTokens;
		this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extra));
		Map<String, Tool> tools = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tools));
		this.definitions = tools.values().stream().map(Tool::definition).toList();
		this.dynamicContexts = List.copyOf(builder.dynamicContexts);
		this.loop = new ToolLoop(this.model, this::request, new ToolRunner(tools), builder.maxToolRounds,
				builder.sendReasoningBack);
		request(List.of(Message.user("settings check")));
	}

	/**
	 * Answer a prompt, blocking until the final answer arrives.
	 * @param prompt the prompt
	 * @return the final answer
	 * @throws dev.customllm.LlmException if the service fails or the tool rounds run out
	 */
	public String prompt(String prompt) {
		return chat(prompt, List.of());
	}

	/**
	 * Answer a prompt without blocking.
	 * @param prompt the prompt
	 * @return a {@link Mono} of the final answer
	 */
	public Mono<String> promptAsync(String prompt) {
		return chatAsync(prompt, List.of());
	}

	/**
	 * Answer a prompt with a value of a Java type, blocking until it arrives. See
	 * {@link #promptAsync(String, Class)}.
	 * @param <T> the type of the answer
	 * @param prompt the prompt
	 * @param type the type of the answer, typically a record
	 * @return the answer
	 * @throws dev.customllm.LlmResponseException if the answer is not valid JSON or
	 * misses required fields
	 */
	public <T> T prompt(String prompt, Class<T> type) {
		BlockingCallException.check("Agent.prompt(String, Class)", "Agent.promptAsync(String, Class)");
		T answer = promptAsync(prompt, type).block();
		if (answer == null) {
			throw new IllegalStateException("the agent completed without an answer");
		}
		return answer;
	}

	/**
	 * Answer a prompt with a value of a Java type, without blocking, as
	 * {@link CompletionModel#completeAsync(CompletionRequest, Class)} does. An agent
	 * without tools asks for the type's schema in its one call. An agent with tools runs
	 * the tool loop first, as {@link #prompt(String)} does, then makes one more call
	 * without tools that asks for the answer in the type's schema: servers that constrain
	 * decoding to a schema cannot also call tools.
	 * @param <T> the type of the answer
	 * @param prompt the prompt
	 * @param type the type of the answer, typically a record
	 * @return a {@link Mono} of the answer
	 */
	public <T> Mono<T> promptAsync(String prompt, Class<T> type) {
		List<Message> past = checked(prompt, List.of());
		if (type == null) {
			throw new IllegalArgumentException("type must not be null");
		}
		return messages(prompt, past).flatMap((messages) -> {
			if (this.definitions.isEmpty()) {
				return this.model.completeAsync(structuredRequest(messages), type);
			}
			return this.loop.converse(messages).flatMap((conversation) -> {
				List<Message> asked = new ArrayList<>(conversation);
				asked.add(Message.user(STRUCTURED_INSTRUCTION));
				return this.model.completeAsync(structuredRequest(asked), type);
			});
		});
	}

	/**
	 * Answer a prompt that continues a conversation, blocking until the final answer
	 * arrives.
	 * @param prompt the prompt
	 * @param history the conversation so far, oldest first, without the system message
	 * @return the final answer
	 */
	public String chat(String prompt, List<Message> history) {
		BlockingCallException.check("Agent.prompt(..) or Agent.chat(..)",
				"Agent.promptAsync(String), Agent.chatAsync(String, List) or Agent.stream(String)");
		String answer = chatAsync(prompt, history).block();
		if (answer == null) {
			throw new IllegalStateException("the agent completed without an answer");
		}
		return answer;
	}

	/**
	 * Answer a prompt that continues a conversation without blocking.
	 * @param prompt the prompt
	 * @param history the conversation so far, oldest first, without the system message
	 * @return a {@link Mono} of the final answer
	 */
	public Mono<String> chatAsync(String prompt, List<Message> history) {
		List<Message> past = checked(prompt, history);
		return messages(prompt, past).flatMap(this.loop::complete);
	}

	/**
	 * Stream the answer to a prompt. Tool rounds run first; the text the model writes is
	 * streamed as it comes.
	 * @param prompt the prompt
	 * @return a {@link Flux} of fragments of the answer
	 */
	public Flux<String> stream(String prompt) {
		return stream(prompt, List.of());
	}

	/**
	 * Stream the answer to a prompt that continues a conversation.
	 * @param prompt the prompt
	 * @param history the conversation so far, oldest first, without the system message
	 * @return a {@link Flux} of fragments of the answer
	 */
	public Flux<String> stream(String prompt, List<Message> history) {
		List<Message> past = checked(prompt, history);
		return messages(prompt, past).flatMapMany(this.loop::stream);
	}

	/**
	 * Stream the chunks of the answer to a prompt: the pieces of text and of the model's
	 * {@linkplain CompletionChunk#reasoning() reasoning} of every round as they come,
	 * then the last chunk of the answer, with its finish reason and usage.
	 * @param prompt the prompt
	 * @return a {@link Flux} of chunks
	 */
	public Flux<CompletionChunk> streamChunks(String prompt) {
		return streamChunks(prompt, List.of());
	}

	/**
	 * Stream the chunks of the answer to a prompt that continues a conversation.
	 * @param prompt the prompt
	 * @param history the conversation so far, oldest first, without the system message
	 * @return a {@link Flux} of chunks, as {@link #streamChunks(String)} describes
	 */
	public Flux<CompletionChunk> streamChunks(String prompt, List<Message> history) {
		List<Message> past = checked(prompt, history);
		return messages(prompt, past).flatMapMany(this.loop::chunks);
	}

	private static List<Message> checked(String prompt, List<Message> history) {
		if (prompt == null || prompt.isBlank()) {
			throw new IllegalArgumentException("prompt must not be blank");
		}
		return List.copyOf(history);
	}

	private Mono<List<Message>> messages(String prompt, List<Message> history) {
		return context(prompt).map((documents) -> {
			List<Message> messages = new ArrayList<>();
			String system = SystemPrompt.render(this.preamble, documents);
			if (system != null) {
				messages.add(Message.system(system));
			}
			messages.addAll(history);
			messages.add(Message.user(prompt));
			return messages;
		});
	}

	private Mono<List<Document>> context(String prompt) {
		return Flux.fromIterable(this.dynamicContexts)
			.concatMap((context) -> context.search(prompt))
			.flatMapIterable((found) -> found)
			.collectList()
			.map((found) -> {
				List<Document> documents = new ArrayList<>(this.documents);
				documents.addAll(found);
				return documents;
			});
	}

	private CompletionRequest request(List<Message> messages) {
		return settings(CompletionRequest.builder().messages(messages).tools(this.definitions));
	}

	private CompletionRequest structuredRequest(List<Message> messages) {
		return settings(CompletionRequest.builder().messages(messages));
	}

	private CompletionRequest settings(CompletionRequest.Builder builder) {
		if (this.temperature != null) {
			builder.temperature(this.temperature);
		}
		if (this.maxTokens != null) {
			builder.maxTokens(this.maxTokens);
		}
		this.extra.forEach(builder::extra);
		return builder.build();
	}

	@Override
	public String toString() {
		return "Agent[" + this.model + ", tools=" + this.definitions.stream().map(ToolDefinition::name).toList() + "]";
	}

}
