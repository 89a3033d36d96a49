package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmToolRoundsException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.completion.ToolCall;

/**
 * The function-calling loop of an {@link Agent}: ask the model, run the tools it asks
 * for, send their results, repeat until it answers or the rounds run out.
 *
 * @author Custom LLM team
 */
final class ToolLoop {

	private final CompletionModel model;

	private final Function<List<Message>, CompletionRequest> requests;

	private final ToolRunner runner;

	private final int maxToolRounds;

	/** Whether the reasoning of a tool-call turn goes back with its assistant message. */
	private final boolean sendReasoningBack;

	ToolLoop(CompletionModel model, Function<List<Message>, CompletionRequest> requests, ToolRunner runner,
			int maxToolRounds, boolean sendReasoningBack) {
		this.model = model;
		this.requests = requests;
		this.runner = runner;
		this.maxToolRounds = maxToolRounds;
		this.sendReasoningBack = sendReasoningBack;
	}

	Mono<String> complete(List<Message> messages) {
		return converse(messages, 0).map((conversation) -> conversation.get(conversation.size() - 1).content());
	}

	/**
	 * Run the loop and return the whole conversation, ending with the model's answer.
	 */
	Mono<List<Message>> converse(List<Message> messages) {
		return converse(messages, 0);
	}

	Flux<String> stream(List<Message> messages) {
		return chunks(messages, 0).filter((chunk) -> !chunk.text().isEmpty()).map(CompletionChunk::text);
	}

	/**
	 * Stream the chunks of every round, text and reasoning, and the last chunk of the
	 * final answer; the last chunks of tool rounds are not passed on.
	 */
	Flux<CompletionChunk> chunks(List<Message> messages) {
		return chunks(messages, 0);
	}

	private Mono<List<Message>> converse(List<Message> messages, int round) {
		return this.model.completeAsync(this.requests.apply(messages)).flatMap((response) -> {
			if (response.toolCalls().isEmpty()) {
				List<Message> conversation = new ArrayList<>(messages);
				conversation.add(Message.assistant(response.text()));
				return Mono.just(conversation);
			}
			return runTools(messages, response.text(), response.reasoning(), response.toolCalls(), round)
				.flatMap((next) -> converse(next, round + 1));
		});
	}

	private Flux<CompletionChunk> chunks(List<Message> messages, int round) {
		return Flux.defer(() -> {
			StringBuilder text = new StringBuilder();
			StringBuilder reasoning = new StringBuilder();
			return this.model.stream(this.requests.apply(messages)).concatMap((chunk) -> {
				text.append(chunk.text());
				if (this.sendReasoningBack && chunk.reasoning() != null) {
					reasoning.append(chunk.reasoning());
				}
				if (!chunk.last() || chunk.toolCalls().isEmpty()) {
					return Flux.just(chunk);
				}
				Flux<CompletionChunk> rest = (chunk.text().isEmpty() && chunk.reasoning() == null) ? Flux.empty()
						: Flux.just(chunk.toBuilder().last(false).toolCalls(List.of()).usage(null).build());
				return rest.concatWith(nextRound(messages, text, reasoning, chunk, round));
			});
		});
	}

	private Flux<CompletionChunk> nextRound(List<Message> messages, StringBuilder text, StringBuilder reasoning,
			CompletionChunk last, int round) {
		return runTools(messages, text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), last.toolCalls(),
				round)
			.flatMapMany((next) -> chunks(next, round + 1));
	}

	private Mono<List<Message>> runTools(List<Message> messages, String text, @Nullable String reasoning,
			List<ToolCall> calls, int round) {
		if (round >= this.maxToolRounds) {
			return Mono.error(new LlmToolRoundsException(this.maxToolRounds));
		}
		return this.runner.run(calls).map((results) -> {
			List<Message> next = new ArrayList<>(messages);
			next.add(Message.builder()
				.role("assistant")
				.content(text)
				.toolCalls(calls)
				.reasoning(this.sendReasoningBack ? reasoning : null)
				.build());
			next.addAll(results);
			return next;
		});
	}

}
