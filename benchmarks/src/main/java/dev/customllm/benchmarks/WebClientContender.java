package dev.customllm.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.customllm.internal.http.PoolMetrics;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What Spring's {@link WebClient} costs by itself, the transport the library had before
 * it moved to Reactor Netty's {@code HttpClient}: a WebClient built as the library built
 * it then (a pool with metrics, Boot's Reactor connector with timeouts, HTTP/1.1, default
 * headers), bodies read as {@code byte[]}, then parsed with the baseline's Jackson
 * streaming code — no data binding, no retries, limits, deadline or error mapping.
 *
 * @author Custom LLM team
 */
final class WebClientContender implements Contender {

	private final ConnectionProvider pool;

	private final WebClient webClient;

	private final URI chat;

	WebClientContender(ContenderSettings settings) {
		this.chat = URI.create(settings.baseUrl() + "/chat/completions");
		this.pool = ConnectionProvider.builder("webclient")
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(ContenderSettings.MAX_IDLE_TIME)
			.metrics(true, PoolMetrics::new)
			.build();
		this.webClient = WebClient.builder()
			.clientConnector(connector(this.pool))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.defaultHeaders((headers) -> {
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.setBearerAuth(ContenderSettings.API_KEY);
			})
			.build();
	}

	private static ClientHttpConnector connector(ConnectionProvider pool) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(10), ContenderSettings.RESPONSE_TIMEOUT);
		return ClientHttpConnectorBuilder.reactor()
			.withHttpClientFactory(() -> HttpClient.create(pool))
			.withHttpClientCustomizer((client) -> client.protocol(HttpProtocol.HTTP11))
			.build(settings);
	}

	@Override
	public String name() {
		return "webclient";
	}

	@Override
	public Mono<String> chat(String prompt) {
		return this.webClient.post()
			.uri(this.chat)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BaselineJson.chatRequest(ContenderSettings.MODEL, prompt, false))
			.retrieve()
			.bodyToMono(byte[].class)
			.map(BaselineJson::chatText);
	}

	@Override
	public Flux<String> stream(String prompt) {
		return Flux.defer(() -> {
			BaselineContender.EventSplitter events = new BaselineContender.EventSplitter();
			return this.webClient.post()
				.uri(this.chat)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(BaselineJson.chatRequest(ContenderSettings.MODEL, prompt, true))
				.retrieve()
				.bodyToFlux(byte[].class)
				.<String>handle((bytes, sink) -> events.feed(bytes, sink::next))
				.concatWith(Mono.<String>fromRunnable(events::checkDone));
		});
	}

	@Override
	public Mono<? extends List<?>> embedAll(List<String> texts) {
		return Mono.error(new UnsupportedOperationException("not measured"));
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
