package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.TokenLogprob;

/**
 * The {@code logprobs} of a text completion choice, in the legacy API's parallel lists.
 *
 * @param tokens the tokens
 * @param tokenLogprobs the log-probability of each token
 * @param topLogprobs the most likely tokens at each position, by token, if asked for
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TextLogprobsBody(@Nullable List<String> tokens,
		@JsonProperty("token_logprobs") @Nullable List<Double> tokenLogprobs,
		@JsonProperty("top_logprobs") @Nullable List<@Nullable Map<String, Double>> topLogprobs) {

	static List<TokenLogprob> toLogprobs(@Nullable TextLogprobsBody body) {
		if (body == null || body.tokens == null || body.tokens.isEmpty()) {
			return List.of();
		}
		List<String> tokens = body.tokens;
		List<Double> values = (body.tokenLogprobs != null) ? body.tokenLogprobs : List.of();
		if (values.size() != tokens.size()) {
			throw new LlmResponseException(LlmOperation.TEXT_COMPLETION,
					"logprobs has " + tokens.size() + " tokens but " + values.size() + " token_logprobs");
		}
		List<TokenLogprob> logprobs = new ArrayList<>(tokens.size());
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			Double value = values.get(i);
			if (token == null || value == null) {
				throw new LlmResponseException(LlmOperation.TEXT_COMPLETION,
						"logprobs token " + i + " without token or logprob");
			}
			logprobs.add(TokenLogprob.builder().token(token).logprob(value).topLogprobs(top(body, i)).build());
		}
		return logprobs;
	}

	private static List<TokenLogprob> top(TextLogprobsBody body, int position) {
		Map<String, Double> top = (body.topLogprobs != null && position < body.topLogprobs.size())
				? body.topLogprobs.get(position) : null;
		if (top == null || top.isEmpty()) {
			return List.of();
		}
		return top.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != null)
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
			.map((entry) -> TokenLogprob.of(entry.getKey(), entry.getValue()))
			.toList();
	}

}
