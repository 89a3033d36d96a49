package dev.customllm.internal.completion;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.completion.CompletionApi;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.internal.http.AnswerParser;
import dev.customllm.internal.json.LlmJson;

/**
 * One wire shape of completions (chat, legacy text, Responses API): how a request is
 * written, and how an answer and the chunks of a streamed answer are read.
 *
 * @param <B> the request body
 * @param <R> the answer
 * @param <C> a chunk of a streamed answer
 * @param operation the operation, for errors and observations
 * @param body writes a request with the model's defaults
 * @param streaming turns a body into one asking for a stream, with or without usage
 * @param answerType the answer
 * @param parsers makes a parser that reads an answer as its bytes arrive, or {@code null}
 * when the answer is read whole as its {@code answerType}
 * @param response reads an answer
 * @param chunkType a chunk of a streamed answer
 * @author Custom LLM team
 */
record CompletionEndpoint<B, R, C extends StreamedResult>(LlmOperation operation,
		BiFunction<CompletionRequest, CompletionDefaults, B> body, BiFunction<B, Boolean, B> streaming,
		Class<R> answerType, @Nullable Supplier<? extends AnswerParser<R>> parsers,
		Function<R, CompletionResponse> response, Class<C> chunkType) {

	/**
	 * {@code POST /chat/completions}.
	 */
	static final CompletionEndpoint<ChatCompletionBody, ChatCompletionResult, ChatChunkResult> CHAT = new CompletionEndpoint<>(
			LlmOperation.CHAT, ChatCompletionBody::of, ChatCompletionBody::streaming, ChatCompletionResult.class,
			() -> new ChatAnswerParser(LlmJson.mapper()), ChatCompletionResult::toResponse, ChatChunkResult.class);

	/**
	 * {@code POST /completions}, the legacy text completion API: requests carry a prompt
	 * and no messages.
	 */
	static final CompletionEndpoint<TextCompletionBody, TextCompletionResult, TextChunkResult> TEXT = new CompletionEndpoint<>(
			LlmOperation.TEXT_COMPLETION, TextCompletionBody::of, TextCompletionBody::streaming,
			TextCompletionResult.class, null, TextCompletionResult::toResponse, TextChunkResult.class);

	/**
	 * {@code POST /responses}, OpenAI's Responses API, observed as chat.
	 */
	static final CompletionEndpoint<ResponsesBody, ResponsesResult, ResponsesEvent> RESPONSES = new CompletionEndpoint<>(
			LlmOperation.CHAT, ResponsesBody::of, ResponsesBody::streaming, ResponsesResult.class,
			() -> new ResponsesAnswerParser(LlmJson.mapper()), ResponsesResult::toResponse, ResponsesEvent.class);

	static CompletionEndpoint<?, ?, ?> of(CompletionApi api) {
		return switch (api) {
			case TEXT -> TEXT;
			case RESPONSES -> RESPONSES;
			default -> CHAT;
		};
	}

}
