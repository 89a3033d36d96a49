package dev.customllm.http;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Gives the credentials of each HTTP attempt, asked again for every attempt (retries
 * included): for keys that rotate, tokens of a cloud identity or an OAuth2 client, or
 * secrets kept in a vault. A provider caches what it can and renews it when it expires;
 * the client only asks. When the service answers an attempt with {@code 401}, the client
 * tells the provider that those credentials were {@link #rejected rejected} and tries
 * once more at once with the credentials it asks for then.
 * <p>
 * The values are secrets: the client masks them in its logs and errors as it does the API
 * key. A client has either an API key or a provider, never both.
 *
 * <pre class="code">
 * CustomLlmClient client = CustomLlmClient.builder()
 *     .baseUrl("https://llm.example.com/v1")
 *     .credentials(CredentialsProvider.of(() -&gt; Credentials.bearer(vault.currentKey())))
 *     .build();
 * </pre>
 *
 * @author Custom LLM team
 * @see dev.customllm.CustomLlmClient.Builder#credentials(CredentialsProvider)
 * @since 0.1.0
 */
@FunctionalInterface
public interface CredentialsProvider {

	/**
	 * Return the credentials for one attempt. Called once per attempt; the {@link Mono}
	 * must not block the thread it is subscribed on (move blocking work to
	 * {@code Schedulers.boundedElastic()}).
	 * @return the credentials; an empty {@link Mono} or an error fails the attempt
	 */
	Mono<Credentials> credentials();

	/**
	 * Be told that the service refused credentials ({@code 401}), so that a cached token
	 * is dropped before the client asks again. Does nothing by default.
	 * @param credentials the credentials that were refused
	 */
	default void rejected(Credentials credentials) {
	}

	/**
	 * Return a provider that calls a supplier for each attempt. The supplier must be
	 * quick and must not block (a value read from memory, a cached token).
	 * @param credentials supplies the credentials
	 * @return the provider
	 */
	static CredentialsProvider of(Supplier<Credentials> credentials) {
		return () -> Mono.fromSupplier(credentials);
	}

	/**
	 * Return a provider that starts an asynchronous look-up for each attempt, such as a
	 * vault client's or a cloud SDK's {@code CompletableFuture}.
	 * @param credentials starts the look-up
	 * @return the provider
	 */
	static CredentialsProvider fromCompletionStage(Supplier<? extends CompletionStage<Credentials>> credentials) {
		return () -> Mono.fromCompletionStage(credentials);
	}

}
