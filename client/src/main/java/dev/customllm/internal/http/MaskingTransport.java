package dev.customllm.internal.http;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmException;

/**
 * The one place where every failure of a transport has the client's secrets masked: the
 * API key and the values of secret headers that a service echoed back, in the message and
 * in any cause. It wraps the transport directly, so that retries log, and callers and
 * health checks see, only masked messages.
 *
 * @author Custom LLM team
 */
public final class MaskingTransport extends ForwardingTransport implements Exchange.Decoration {

	private final SecretRedactor redactor;

	private final Function<LlmException, LlmException> masking = this::mask;

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
	public <T> Mono<T> exchange(Exchange<T> exchange) {
		return exchange.decorate(delegate().exchange(exchange), this);
	}

	@Override
	public <T> Mono<T> answer(Exchange<T> exchange, Mono<T> answer) {
		return answer.onErrorMap(LlmException.class, this.masking);
	}

	@Override
	public <E> Mono<Flux<E>> stream(Exchange<Flux<E>> exchange, Mono<Flux<E>> opened) {
		return opened.map((events) -> events.onErrorMap(LlmException.class, this.masking))
			.onErrorMap(LlmException.class, this.masking);
	}

	private LlmException mask(LlmException failure) {
		return failure.masked(this.redactor::redact);
	}

}
