package dev.customllm.internal.resilience;

import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetryBudget;
import dev.customllm.resilience.RetrySettings;
import java.time.Duration;

import dev.customllm.internal.http.Durations;

/**
 * Settings of one client's {@link Resilience}.
 *
 * @param retry when and how long to wait before trying again
 * @param budget the retry budget shared by all calls of the client
 * @param limits client-side limits
 * @param callTimeout deadline of a whole unary call, retries and waits included
 * @author Custom LLM team
 */
public record ResilienceSettings(RetrySettings retry, RetryBudget budget, RateLimitSettings limits,
		Duration callTimeout) {

	public ResilienceSettings {
		Durations.check("callTimeout", callTimeout);
		if (retry == null || budget == null || limits == null) {
			throw new IllegalArgumentException("retry, budget and limits must not be null");
		}
	}

	/**
	 * Create the default settings: OpenAI SDK retries, the standard budget, no limits, a
	 * 5 minute call timeout.
	 * @return the settings
	 */
	public static ResilienceSettings defaults() {
		return new ResilienceSettings(RetrySettings.DEFAULT, RetryBudget.standard(), RateLimitSettings.NONE,
				Duration.ofMinutes(5));
	}

}
