package dev.customllm.autoconfigure;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Sends the client's requests with a {@link WebClient}, so that the application's
 * {@code WebClientCustomizer}s and filters apply to every attempt
 * ({@code custom.llm.http.client=webclient}). Every status is an answer for the client to
 * read (an error status is not WebClient's error to raise); the body is lent as it
 * arrives, views of the connector's own buffers, each released once the client read it.
 *
 * @author Custom LLM team
 */
final class WebClientHttpSender implements HttpSender {

	private final WebClient webClient;

	WebClientHttpSender(WebClient webClient) {
		this.webClient = webClient;
	}

	/**
	 * Create a sender on a clone of the application's {@link WebClient.Builder}.
	 * @param beanFactory the application's bean factory
	 * @return the sender, or {@code null} when the application has no
	 * {@link WebClient.Builder}
	 */
	static @Nullable HttpSender fromApplication(BeanFactory beanFactory) {
		WebClient.Builder builder = beanFactory.getBeanProvider(WebClient.Builder.class).getIfAvailable();
		if (builder == null) {
			return null;
		}
		return new WebClientHttpSender(builder.clone().clientConnector(neverRedirecting(beanFactory)).build());
	}

	/**
	 * Return a connector of the application's kind and settings (Spring Boot's connector
	 * builder and HTTP client settings, when it has them) that never follows a redirect,
	 * whatever the application's redirect setting: following would send the key and the
	 * prompt to another address.
	 */
	@SuppressWarnings("unchecked")
	static ClientHttpConnector neverRedirecting(BeanFactory beanFactory) {
		ClientHttpConnectorBuilder<?> connectors = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
			.getIfAvailable(ClientHttpConnectorBuilder::detect);
		HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
			.getIfAvailable(HttpClientSettings::defaults);
		return connectors.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
	}

	@Override
	public Mono<HttpAnswer> send(HttpCall call) {
		WebClient.RequestBodySpec request = this.webClient.method(HttpMethod.valueOf(call.method()))
			.uri(call.uri())
			.headers((headers) -> call.headers().forEach(headers::set));
		byte[] body = call.body();
		return ((body != null) ? request.bodyValue(body) : request).retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> Mono.empty())
			.toEntityFlux(BodyExtractors.toDataBuffers())
			.map(Answer::new);
	}

	/**
	 * Lend the readable bytes of a data buffer to the client, without a copy: the buffer
	 * is released once the client's {@code onNext} returned, or when the body is
	 * cancelled.
	 * @param buffer the buffer, released after
	 * @return its bytes, in one or more views
	 */
	static Flux<ByteBuffer> lend(DataBuffer buffer) {
		// generate, not using: a cancel that arrives while a view is being read releases
		// the buffer only once that read has returned
		return Flux.generate(buffer::readableByteBuffers, (readable, sink) -> {
			if (readable.hasNext()) {
				sink.next(readable.next());
			}
			else {
				sink.complete();
			}
			return readable;
		}, (readable) -> {
			readable.close();
			DataBufferUtils.release(buffer);
		});
	}

	/**
	 * What arrived: status and headers, and the body still to read.
	 */
	private record Answer(ResponseEntity<Flux<DataBuffer>> entity) implements HttpAnswer {

		@Override
		public int status() {
			return this.entity.getStatusCode().value();
		}

		@Override
		public @Nullable String header(String name) {
			return this.entity.getHeaders().getFirst(name);
		}

		@Override
		public Flux<ByteBuffer> body() {
			Flux<DataBuffer> body = this.entity.getBody();
			return (body != null) ? body.concatMap(WebClientHttpSender::lend, 0)
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
				.onErrorMap(Answer::unwrap) : Flux.empty();
		}

		/**
		 * Return what failed while reading the body, which WebClient wraps in an
		 * exception of the answer's status.
		 */
		private static Throwable unwrap(Throwable failure) {
			return (failure instanceof WebClientResponseException && failure.getCause() != null) ? failure.getCause()
					: failure;
		}

	}

}
