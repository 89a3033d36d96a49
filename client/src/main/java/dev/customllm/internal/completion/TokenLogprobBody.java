package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.TokenLogprob;

/**
 * One token of {@code logprobs.content} in a chat answer or event (and an entry of its
 * {@code top_logprobs}); the Responses API's {@code logprobs} entries have the same
 * shape.
 *
 * @param token the token
 * @param logprob its log-probability
 * @param bytes its UTF-8 bytes, if sent
 * @param topLogprobs the most likely tokens at its position, if asked for
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenLogprobBody(@Nullable String token, @Nullable Double logprob, @Nullable List<Integer> bytes,
		@JsonProperty("top_logprobs") @Nullable List<TokenLogprobBody> topLogprobs) {

	/**
	 * Map the entries of an answer to public values.
	 * @param operation the operation, for errors
	 * @param entries the entries, if any
	 * @return the values, empty when there are none
	 * @throws LlmResponseException if an entry has no token or no log-probability
	 */
	static List<TokenLogprob> toLogprobs(LlmOperation operation, @Nullable List<TokenLogprobBody> entries) {
		if (entries == null || entries.isEmpty()) {
			return List.of();
		}
		List<TokenLogprob> logprobs = new ArrayList<>(entries.size());
		for (TokenLogprobBody entry : entries) {
			if (entry != null) {
				logprobs.add(entry.toLogprob(operation));
			}
		}
		return logprobs;
	}

	TokenLogprob toLogprob(LlmOperation operation) {
		if (this.token == null || this.logprob == null) {
			throw new LlmResponseException(operation, "logprobs entry without token or logprob");
		}
		return TokenLogprob.builder()
			.token(this.token)
			.logprob(this.logprob)
			.bytes((this.bytes != null) ? nonNull(operation, this.bytes) : List.of())
			.topLogprobs(toLogprobs(operation, this.topLogprobs))
			.build();
	}

	private static List<Integer> nonNull(LlmOperation operation, List<Integer> bytes) {
		if (bytes.contains(null)) {
			throw new LlmResponseException(operation, "logprobs entry with a null byte");
		}
		return bytes;
	}

}
