package dev.customllm.http;

import reactor.core.publisher.Mono;

/**
 * Sends the client's HTTP requests on an HTTP stack of the application's choosing, such
 * as Spring's {@code WebClient} with the application's filters (OAuth2 tokens, request
 * signing, a corporate proxy). The client keeps everything above one exchange: headers,
 * JSON, errors, retries, limits, streaming, the response timeout, the maximum response
 * size and metrics. The connections are the sender's: their pool, connect timeout and
 * TLS. Without a sender, the client uses its own Reactor Netty connection pool, which is
 * faster.
 *
 * @author Custom LLM team
 * @see dev.customllm.CustomLlmClient.Builder#httpSender(HttpSender)
 * @since 0.1.0
 */
@FunctionalInterface
public interface HttpSender {

	/**
	 * Send one request. Nothing is sent before the {@link Mono} is subscribed, and each
	 * subscription sends the request again (that is how the client retries). The
	 * {@link Mono} completes when the answer's status and headers have arrived, whatever
	 * the status; it fails only when no answer arrived (connection refused or reset, TLS,
	 * timeouts of the sender's own).
	 * @param request the request
	 * @return the answer, whose body the client reads or cancels exactly once
	 */
	Mono<HttpAnswer> send(HttpCall request);

}
