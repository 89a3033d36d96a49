package dev.customllm.internal.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;
import dev.customllm.LlmOperation;
import dev.customllm.LlmRequestException;
import dev.customllm.http.Credentials;
import dev.customllm.http.CredentialsProvider;

/**
 * The credentials of a client that has a {@link CredentialsProvider}: asks it once per
 * attempt, asks again once at once after a {@code 401}, and remembers the last values it
 * gave so that {@link SecretRedactor} masks them wherever a service echoes them. One per
 * client; thread-safe.
 *
 * @author Custom LLM team
 */
public final class CredentialsSource {

	private static final int REMEMBERED = 8;

	private final CredentialsProvider provider;

	private final Deque<Credentials> recent = new ArrayDeque<>();

	/**
	 * Create a source on a provider.
	 * @param provider the application's provider
	 */
	public CredentialsSource(CredentialsProvider provider) {
		this.provider = provider;
	}

	/**
	 * Make an attempt with fresh credentials; when the service answers {@code 401}, tell
	 * the provider and make it once more with the credentials it gives then.
	 * @param <T> the answer type
	 * @param operation the operation, for errors
	 * @param attempt makes one attempt with the given credentials
	 * @return the answer
	 */
	<T> Mono<T> apply(LlmOperation operation, Function<Credentials, Mono<T>> attempt) {
		return next(operation).flatMap((credentials) -> attempt.apply(credentials)
			.onErrorResume(CredentialsSource::isUnauthorized, (failure) -> {
				this.provider.rejected(credentials);
				return next(operation).flatMap(attempt);
			}));
	}

	private Mono<Credentials> next(LlmOperation operation) {
		return Mono.defer(this.provider::credentials)
			.switchIfEmpty(Mono.error(() -> failure(operation, "the credentials provider gave no credentials", null)))
			.onErrorMap((failure) -> !(failure instanceof LlmException),
					(failure) -> failure(operation, "the credentials provider failed: " + failure, failure))
			.doOnNext(this::remember);
	}

	private static LlmRequestException failure(LlmOperation operation, String message, @Nullable Throwable cause) {
		return new LlmRequestException(operation, LlmRequestException.Kind.CREDENTIALS, message, cause);
	}

	private static boolean isUnauthorized(Throwable failure) {
		return failure instanceof LlmApiException api && api.status() == 401;
	}

	private void remember(Credentials credentials) {
		synchronized (this.recent) {
			if (!this.recent.contains(credentials)) {
				this.recent.addFirst(credentials);
				if (this.recent.size() > REMEMBERED) {
					this.recent.removeLast();
				}
			}
		}
	}

	/**
	 * Return the credentials given lately, newest first.
	 * @return the credentials
	 */
	List<Credentials> recent() {
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

	/**
	 * Return whether a header carried credentials of this source lately.
	 * @param headerName the header name
	 * @return whether it is a credentials header
	 */
	boolean isCredentialsHeader(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return recent().stream()
			.anyMatch((credentials) -> credentials.headerName().toLowerCase(Locale.ROOT).equals(name));
	}

	@Override
	public String toString() {
		return "CredentialsSource[" + this.provider.getClass().getSimpleName() + "]";
	}

}
