package dev.customllm.internal.http;

import java.util.function.BiConsumer;

import reactor.util.context.ContextView;

/**
 * Adds headers to each HTTP attempt from the Reactor context of the call, such as the
 * {@code traceparent} of the call's observation. Called once per attempt, retries
 * included.
 *
 * @author Custom LLM team
 */
@FunctionalInterface
public interface RequestHook {

	/**
	 * A hook that adds nothing.
	 */
	RequestHook NONE = (context, headers) -> {
	};

	/**
	 * Add headers to one attempt.
	 * @param context the Reactor context of the attempt
	 * @param headers receives each header's name and value
	 */
	void addHeaders(ContextView context, BiConsumer<String, String> headers);

}
