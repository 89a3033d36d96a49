package dev.customllm.internal.http;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmOperation;

/**
 * Reads any answer type as its bytes arrive, for the answers that have no parser of their
 * own (rerank, the model list, legacy text completions): the tokens are copied as they
 * come and the JSON mapper reads the answer type from them once its value is whole, so
 * that an answer is read or refused exactly as the mapper reads it from bytes. It holds
 * the answer's tokens, about twice its bytes, which {@link #heldBytes()} tells the memory
 * budget. Not thread-safe: one instance per answer.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
final class MappedAnswerParser<T> extends JsonAnswerParser<T> {

	/**
	 * Create a parser for one answer.
	 * @param operation the operation, for errors
	 * @param jsonMapper reads the answer
	 * @param answerType the type to read the answer as
	 */
	MappedAnswerParser(LlmOperation operation, JsonMapper jsonMapper, Class<T> answerType) {
		super(operation, jsonMapper, answerType, DONE);
	}

	@Override
	public long heldBytes() {
		return PARSER_WINDOW + 2 * fedBytes();
	}

	@Override
	protected void read(JsonToken token) {
		throw new IllegalStateException("the whole answer is read by the mapper");
	}

	@Override
	protected void captured(JsonParser values) {
		throw new IllegalStateException("the whole answer is read by the mapper");
	}

}
