package dev.customllm.internal.completion;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code logprobs} of a chat choice or streamed chat choice: one entry per token of
 * its {@code content} (the entries of a refusal are not read).
 *
 * @param content the entries of the text's tokens, if any
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record LogprobsBody(@Nullable List<TokenLogprobBody> content) {

	static @Nullable List<TokenLogprobBody> content(@Nullable LogprobsBody body) {
		return (body != null) ? body.content : null;
	}

}
