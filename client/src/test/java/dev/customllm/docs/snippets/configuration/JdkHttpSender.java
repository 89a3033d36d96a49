package dev.customllm.docs.snippets.configuration;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.http.HttpAnswer;
import dev.customllm.http.HttpCall;
import dev.customllm.http.HttpSender;

/**
 * The custom sender of docs/configuration.md, on the JDK's own HTTP client;
 * {@code JdkHttpSenderTests} runs a client on it.
 */
public final class JdkHttpSender implements HttpSender {

	private final HttpClient http = HttpClient.newHttpClient();

	@Override
	public Mono<HttpAnswer> send(HttpCall call) {
		HttpRequest.Builder request = HttpRequest.newBuilder(call.uri());
		call.headers().forEach(request::setHeader);
		byte[] body = call.body();
		request.method(call.method(), (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		return Mono.fromFuture(() -> this.http.sendAsync(request.build(), BodyHandlers.ofPublisher()))
			.map(JdkAnswer::new);
	}

	private record JdkAnswer(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) implements HttpAnswer {

		@Override
		public int status() {
			return this.response.statusCode();
		}

		@Override
		public @Nullable String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		@Override
		public Flux<ByteBuffer> body() {
			// the JDK hands over buffers of their own: nothing to release
			return JdkFlowAdapter.flowPublisherToFlux(this.response.body()).flatMapIterable(Function.identity());
		}

	}

}
