package dev.customllm.internal.http;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmException;
import dev.customllm.LlmOperation;

/**
 * The one place where every failure of a transport has the client's secrets masked: the
 * API key and the values of secret headers that a service echoed back, in the message and
 * in any cause. It wraps the transport directly, so that retries log, and callers and
 * health checks see, only masked messages.
 *
 * @author Custom LLM team
 */
public final class MaskingTransport extends ForwardingTransport {

	private final SecretRedactor redactor;

	private MaskingTransport(HttpTransport delegate, SecretRedactor redactor) {
		super(delegate);
		this.redactor = redactor;
	}

	/**
	 * Wrap a transport, unless the client has no secrets to mask.
	 * @param delegate the transport
	 * @return the masking transport, or the transport itself
	 */
	public static HttpTransport wrap(HttpTransport delegate) {
		SecretRedactor redactor = new SecretRedactor(delegate.settings());
		return redactor.isEmpty() ? delegate : new MaskingTransport(delegate, redactor);
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Class<T> answerType) {
		return delegate().post(operation, uri, body, answerType).onErrorMap(LlmException.class, this::mask);
	}

	@Override
	public <T> Mono<T> post(LlmOperation operation, URI uri, byte[] body, Supplier<? extends AnswerParser<T>> parsers) {
		return delegate().post(operation, uri, body, parsers).onErrorMap(LlmException.class, this::mask);
	}

	@Override
	public <T> Mono<Flux<T>> stream(LlmOperation operation, URI uri, byte[] body, Class<T> chunkType) {
		return delegate().stream(operation, uri, body, chunkType)
			.map((chunks) -> chunks.onErrorMap(LlmException.class, this::mask))
			.onErrorMap(LlmException.class, this::mask);
	}

	@Override
	public <T> Mono<T> get(LlmOperation operation, URI uri, Class<T> answerType) {
		return delegate().get(operation, uri, answerType).onErrorMap(LlmException.class, this::mask);
	}

	private LlmException mask(LlmException failure) {
		return failure.masked(this.redactor::redact);
	}

}
