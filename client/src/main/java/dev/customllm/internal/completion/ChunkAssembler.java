package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.TokenLogprob;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.Usage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Assembles the events of one streamed answer into {@link CompletionChunk chunks}: text
 * as it arrives, then one last chunk with the finish reason, the usage and the tool calls
 * put together from their pieces. Only the first choice counts. Not thread-safe: one
 * instance per stream.
 *
 * @author Custom LLM team
 */
final class ChunkAssembler {

	/**
	 * What an event that adds no chunk of its own maps to, filtered out.
	 */
	private static final CompletionChunk NOTHING = CompletionChunk.builder().build();

	private final LlmOperation operation;

	private final StreamLimits limits;

	private final TreeMap<Integer, ToolCallParts> toolCalls = new TreeMap<>();

	private long size;

	/**
	 * Bytes reserved from the memory budget for what the tool calls hold.
	 */
	private long reserved;

	private boolean released;

	private @Nullable String model;

	private @Nullable String finishReason;

	private @Nullable Usage usage;

	private boolean hasText;

	private boolean hasReasoning;

	private ChunkAssembler(LlmOperation operation, StreamLimits limits) {
		this.operation = operation;
		this.limits = limits;
	}

	/**
	 * Assemble the events of a streamed answer.
	 * @param operation the operation, for errors
	 * @param limits the bounds of the assembled answer
	 * @param results the events as they arrive, ending after {@code [DONE]}
	 * @return the chunks; fails with an {@link LlmResponseException} when the answer has
	 * neither text nor tool calls, or goes past the limits (which cancels the stream and
	 * releases its connection)
	 */
	static Flux<CompletionChunk> assemble(LlmOperation operation, StreamLimits limits,
			Flux<? extends StreamedResult> results) {
		return Flux.defer(() -> {
			ChunkAssembler assembler = new ChunkAssembler(operation, limits);
			// map and filter, not handle: handle restores thread locals for every element
			// whenever context-propagation is on the classpath
			return results.map((result) -> nonNull(result.addTo(assembler)))
				.filter((chunk) -> chunk != NOTHING)
				.concatWith(Mono.fromCallable(assembler::last))
				.doFinally((signal) -> assembler.release());
		});
	}

	private static CompletionChunk nonNull(@Nullable CompletionChunk chunk) {
		return (chunk != null) ? chunk : NOTHING;
	}

	static <C> @Nullable C firstChoice(@Nullable List<C> choices, Function<C, @Nullable Integer> index) {
		if (choices != null) {
			for (C choice : choices) {
				if (choice != null) {
					Integer at = index.apply(choice);
					if (at == null || at == 0) {
						return choice;
					}
				}
			}
		}
		return null;
	}

	ChunkAssembler model(@Nullable String model) {
		this.model = (model != null) ? model : this.model;
		return this;
	}

	ChunkAssembler usage(@Nullable UsageBody body) {
		Usage usage = UsageBody.toUsage(body);
		this.usage = (usage != null) ? usage : this.usage;
		return this;
	}

	ChunkAssembler usage(@Nullable Usage usage) {
		this.usage = (usage != null) ? usage : this.usage;
		return this;
	}

	ChunkAssembler finishReason(@Nullable String finishReason) {
		this.finishReason = (finishReason != null) ? finishReason : this.finishReason;
		return this;
	}

	ChunkAssembler toolCalls(@Nullable List<ToolCallDelta> deltas) {
		if (deltas != null) {
			deltas.stream().filter((delta) -> delta != null).forEach(this::addToolCall);
		}
		return this;
	}

	/**
	 * Return the chunk of a chat delta: its text, reasoning and the log-probabilities of
	 * its tokens.
	 * @return the chunk, or {@code null} when the delta adds neither text nor reasoning
	 */
	@Nullable CompletionChunk delta(@Nullable String text, @Nullable String reasoning,
			@Nullable List<TokenLogprobBody> logprobs) {
		if (!DeltaContent.isChunk(text, reasoning)) {
			return null;
		}
		List<TokenLogprob> tokens = TokenLogprobBody.toLogprobs(this.operation, logprobs);
		if ((reasoning == null || reasoning.isEmpty()) && tokens.isEmpty()) {
			return text(text);
		}
		String piece = (text != null) ? text : "";
		this.hasText |= !piece.isEmpty();
		this.hasReasoning |= piece.isEmpty();
		return CompletionChunk.builder()
			.text(piece)
			.reasoning((reasoning == null || reasoning.isEmpty()) ? null : reasoning)
			.logprobs(tokens)
			.model(this.model)
			.build();
	}

	/**
	 * Return the chunk of a text completion event.
	 * @return the chunk, or {@code null} when the event adds no text
	 */
	@Nullable CompletionChunk textDelta(@Nullable String text, @Nullable TextLogprobsBody logprobs) {
		if (logprobs == null || text == null || text.isEmpty()) {
			return text(text);
		}
		this.hasText = true;
		return CompletionChunk.builder()
			.text(text)
			.logprobs(TextLogprobsBody.toLogprobs(logprobs))
			.model(this.model)
			.build();
	}

	/**
	 * Set the whole arguments of a tool call whose arguments came in no piece: a service
	 * that sends them only when the call is done.
	 * @param index the index of the call, or {@code null} for the latest
	 * @param arguments the arguments, or {@code null}
	 */
	void toolCallArguments(@Nullable Integer index, @Nullable String arguments) {
		if (arguments == null || arguments.isEmpty() || this.toolCalls.isEmpty()) {
			return;
		}
		ToolCallParts parts = this.toolCalls.get((index != null) ? index : this.toolCalls.lastKey());
		if (parts != null && parts.arguments.isEmpty()) {
			// reserved before it is held: two bytes a character at most
			grow(arguments.length(), 2L * arguments.length());
			parts.arguments.append(arguments);
		}
	}

	/**
	 * Pass on a piece of the model's reasoning as a chunk of its own, never held.
	 * @param reasoning the piece
	 * @return the chunk, or {@code null} for an empty piece
	 */
	@Nullable CompletionChunk reasoning(@Nullable String reasoning) {
		if (reasoning == null || reasoning.isEmpty()) {
			return null;
		}
		this.hasReasoning = true;
		return CompletionChunk.builder().reasoning(reasoning).model(this.model).build();
	}

	@Nullable CompletionChunk text(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		this.hasText = true;
		return CompletionChunk.delta(text, this.model);
	}

	private void addToolCall(ToolCallDelta delta) {
		int index = (delta.index() != null) ? delta.index() : implicitIndex(delta);
		ToolCallParts parts = this.toolCalls.get(index);
		if (parts == null) {
			if (this.toolCalls.size() >= this.limits.maxToolCalls()) {
				throw new LlmResponseException(this.operation,
						"streamed answer has more than " + this.limits.maxToolCalls() + " tool calls (max-tool-calls)");
			}
			parts = new ToolCallParts();
			this.toolCalls.put(index, parts);
		}
		grow(parts.added(delta), parts.capacityFor(delta));
		parts.add(delta);
	}

	/**
	 * Count the characters a piece adds, then reserve from the memory budget, before the
	 * piece is held, the bytes its arguments grow by.
	 */
	private void grow(long characters, long bytes) {
		this.size += characters;
		if (this.size > this.limits.maxAnswerSize()) {
			throw new LlmResponseException(this.operation, "streamed tool calls are larger than max-response-size ("
					+ this.limits.maxAnswerSize() + " characters of ids, names and arguments)");
		}
		if (bytes > 0) {
			reserve(bytes);
		}
	}

	private synchronized void reserve(long bytes) {
		if (this.released) {
			throw new IllegalStateException("stream already ended");
		}
		this.limits.memory().reserve(bytes, this.operation);
		this.reserved += bytes;
	}

	/**
	 * Give back what the tool calls held; called once the stream ended, however it ended,
	 * possibly from another thread (a cancel).
	 */
	synchronized void release() {
		this.released = true;
		this.limits.memory().release(this.reserved);
		this.reserved = 0;
	}

	/**
	 * Index of a piece sent without one: a new call when it has a new id, else the part
	 * of the latest call.
	 */
	private int implicitIndex(ToolCallDelta delta) {
		if (this.toolCalls.isEmpty()) {
			return 0;
		}
		Map.Entry<Integer, ToolCallParts> latest = this.toolCalls.lastEntry();
		boolean newCall = delta.id() != null && !delta.id().equals(latest.getValue().id);
		return newCall ? latest.getKey() + 1 : latest.getKey();
	}

	CompletionChunk last() {
		List<ToolCall> calls = this.toolCalls.values()
			.stream()
			.map((parts) -> parts.toToolCall(this.operation))
			.toList();
		if (!this.hasText && calls.isEmpty()) {
			throw new LlmResponseException(this.operation,
					"streamed answer has no text and no tool calls (" + FinishReasons.describe(this.finishReason)
							+ (this.hasReasoning ? ", after reasoning only" : "") + ")");
		}
		return CompletionChunk.builder()
			.last(true)
			.finishReason(this.finishReason)
			.usage(this.usage)
			.toolCalls(calls)
			.model(this.model)
			.build();
	}

	/**
	 * The pieces of one tool call received so far.
	 */
	private static final class ToolCallParts {

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		/**
		 * Return how many characters a piece adds.
		 */
		int added(ToolCallDelta delta) {
			int added = 0;
			String id = delta.id();
			if (this.id == null && id != null) {
				added += id.length();
			}
			FunctionCallBody function = delta.function();
			if (function != null) {
				String name = function.name();
				if (this.name == null && name != null) {
					added += name.length();
				}
				String arguments = function.arguments();
				if (arguments != null) {
					added += arguments.length();
				}
			}
			return added;
		}

		/**
		 * Return how many bytes the arguments' buffer grows by when a piece is added: its
		 * new capacity as the buffer grows (twice as large, plus 2), two bytes a
		 * character, less what it holds now.
		 */
		long capacityFor(ToolCallDelta delta) {
			FunctionCallBody function = delta.function();
			String arguments = (function != null) ? function.arguments() : null;
			if (arguments == null) {
				return 0;
			}
			int needed = this.arguments.length() + arguments.length();
			int capacity = this.arguments.capacity();
			if (needed <= capacity) {
				return 0;
			}
			long grown = Math.max(needed, 2L * capacity + 2);
			return 2 * (grown - capacity);
		}

		/**
		 * Add a piece.
		 */
		void add(ToolCallDelta delta) {
			if (this.id == null && delta.id() != null) {
				this.id = delta.id();
			}
			FunctionCallBody function = delta.function();
			if (function != null) {
				if (this.name == null && function.name() != null) {
					this.name = function.name();
				}
				if (function.arguments() != null) {
					this.arguments.append(function.arguments());
				}
			}
		}

		ToolCall toToolCall(LlmOperation operation) {
			if (this.id == null || this.name == null) {
				throw new LlmResponseException(operation, "streamed tool call without id or function name");
			}
			return new ToolCall(this.id, this.name, this.arguments.isEmpty() ? "{}" : this.arguments.toString());
		}

	}

}
