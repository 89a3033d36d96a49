package dev.customllm.autoconfigure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmRateLimitException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code custom.llm.http.client=webclient}: the client sends its requests with
 * a WebClient from the application's {@link WebClient.Builder}, whose customizers and
 * filters apply to every attempt.
 */
@ExtendWith({ LlmSimulatorExtension.class, OutputCaptureExtension.class })
class WebClientHttpClientTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class))
		.withPropertyValues("custom.llm.http.client=webclient", "custom.llm.api-key-required=false",
				"custom.llm.retry.delay=10ms", "custom.llm.retry.max-delay=50ms");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void completesStreamsAndEmbedsThroughTheApplicationsWebClient() {
		this.contextRunner.withUserConfiguration(ViaHeaderConfiguration.class)
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.api-key=sk-webclient-key")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CompletionModel completions = context.getBean(CompletionModel.class);
				assertThat(completions.complete("Hello")).isNotBlank();
				assertThat(completions.stream(CompletionRequest.of("Tell me more")).collectList().block())
					.hasSizeGreaterThan(1);
				assertThat(context.getBean(EmbeddingModel.class).embedAll(List.of("a", "b", "c"))).hasSize(3);
				assertThat(simulator.requests()).hasSize(3).allSatisfy((request) -> {
					assertThat(request.header("X-Via")).isEqualTo("webclient");
					assertThat(request.header("Authorization")).isEqualTo("Bearer sk-webclient-key");
				});
				assertThat(simulator.chatRequests().get(1).header("Accept")).contains("text/event-stream");
				assertThat(context.getBean(CustomLlmClient.class).connectionPool().allocated()).isZero();
			});
	}

	@Test
	void rateLimitWithRetryAfterIsWaitedForThenRetried() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl()).run((context) -> {
			simulator.chat().once().fails(LlmFault.rateLimited(Duration.ofSeconds(1)));
			long start = System.nanoTime();
			assertThat(context.getBean(CompletionModel.class).complete("Hello")).isNotBlank();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
			assertThat(simulator.chatRequests()).hasSize(2);
		});
	}

	@Test
	void rateLimitIsMappedWithItsRetryAfterWhenRetriesAreSpent() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.retry.max-retries=0")
			.run((context) -> {
				simulator.chat().fails(LlmFault.rateLimited(Duration.ofSeconds(3)));
				assertThatExceptionOfType(LlmRateLimitException.class)
					.isThrownBy(() -> context.getBean(CompletionModel.class).complete("Hello"))
					.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(3)));
			});
	}

	@Test
	void filterAddsAFreshShortLivedTokenToEveryAttemptRetriesIncluded() {
		this.contextRunner.withUserConfiguration(ShortLivedTokenConfiguration.class)
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl())
			.run((context) -> {
				simulator.chat().once().fails(LlmFault.unavailable());
				CompletionModel completions = context.getBean(CompletionModel.class);
				assertThat(completions.complete("Hello")).isNotBlank();
				assertThat(completions.stream(CompletionRequest.of("Hi")).collectList().block()).isNotEmpty();
				assertThat(simulator.chatRequests()).extracting((request) -> request.header("Authorization"))
					.containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3");
			});
	}

	@Test
	void namedClientChoosesItsOwnHttpClient() {
		this.contextRunner.withUserConfiguration(ViaHeaderConfiguration.class)
			.withPropertyValues("custom.llm.http.client=netty", "custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.gateway.http.client=webclient")
			.run((context) -> {
				context.getBean(CompletionModel.class).complete("direct");
				context.getBean("gatewayCompletionModel", CompletionModel.class).complete("through the gateway");
				assertThat(simulator.chatRequests()).extracting((request) -> request.header("X-Via"))
					.containsExactly(null, "webclient");
			});
	}

	@Test
	void failsClearlyWithoutAWebClientBuilder() {
		ApplicationContextRunner withoutWebClient = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CustomLlmAutoConfiguration.class))
			.withPropertyValues("custom.llm.http.client=webclient", "custom.llm.api-key=k");
		withoutWebClient.run((context) -> assertNoWebClientBuilder(context.getStartupFailure(), "custom.llm"));
		withoutWebClient.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertNoWebClientBuilder(context.getStartupFailure(), "custom.llm"));
		withoutWebClient
			.withPropertyValues("custom.llm.http.client=netty", "custom.llm.clients.gateway.http.client=webclient")
			.run((context) -> assertNoWebClientBuilder(context.getStartupFailure(), "custom.llm.clients.gateway"));
	}

	@Test
	void sslBundleOfTheClientsOwnConnectionsIsRefused() {
		this.contextRunner.withPropertyValues("custom.llm.ssl.bundle=internal")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("custom.llm.ssl.bundle")
				.hasMessageContaining("spring.http.clients.ssl.bundle"));
	}

	@Test
	void worksOnAConnectorWhoseBuffersAreNotNettys() {
		// the client builds its own no-redirect connector with the application's
		// connector
		// builder
		this.contextRunner.withBean(ClientHttpConnectorBuilder.class, ClientHttpConnectorBuilder::jdk)
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl())
			.run((context) -> {
				CompletionModel completions = context.getBean(CompletionModel.class);
				assertThat(completions.complete("Hello")).isNotBlank();
				assertThat(completions.stream(CompletionRequest.of("Tell me more")).collectList().block())
					.hasSizeGreaterThan(1);
			});
	}

	@Test
	void releasesEveryBufferOnceWithTheLeakDetectorAtParanoid(CapturedOutput output) {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			this.contextRunner
				.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.max-response-size=64KB")
				.run((context) -> {
					CompletionModel completions = context.getBean(CompletionModel.class);
					for (int i = 0; i < 4; i++) {
						completions.complete("Hello " + i);
						completions.stream(CompletionRequest.of("Tell me more " + i)).collectList().block();
						completions.stream(CompletionRequest.of("Tell a long story " + i)).take(2).blockLast();
						context.getBean(EmbeddingModel.class).embedAll(List.of("a", "b"));
					}
					simulator.chat().fails(LlmFault.body(500, "text/html", "<p>" + "oops ".repeat(2000) + "</p>"));
					assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> completions.complete("fails"));
					simulator.chat().answers("x".repeat(100 * 1024));
					assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> completions.complete("large"));
				});
			collectGarbageUntilLeakReported(output, Duration.ofSeconds(2));
			assertThat(output.getAll()).doesNotContain("LEAK:").doesNotContain("IllegalReferenceCount");
			PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
			collectGarbageUntilLeakReported(output, Duration.ofSeconds(10));
			assertThat(output.getAll()).as("the leak detector reports a leak it is shown").contains("LEAK:");
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
	}

	@Test
	void nettyDataBufferIsLentWithoutACopyAndReleasedOnceRead() {
		ByteBuf network = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(bytes("{\"a\":1}"));
		DataBuffer buffer = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT).wrap(network);
		List<String> read = new ArrayList<>();
		WebClientHttpSender.lend(buffer).doOnNext((bytes) -> {
			assertThat(network.refCnt()).as("held while the client reads").isOne();
			assertThat(bytes.isDirect()).as("a view of the network buffer, not a copy").isTrue();
			read.add(StandardCharsets.UTF_8.decode(bytes).toString());
		}).blockLast();
		assertThat(read).containsExactly("{\"a\":1}");
		assertThat(network.refCnt()).isZero();
	}

	@Test
	void heapDataBufferIsLentWithoutACopy() {
		byte[] bytes = bytes("{\"a\":1}");
		ByteBuffer lent = WebClientHttpSender.lend(DefaultDataBufferFactory.sharedInstance.wrap(bytes)).blockFirst();
		bytes[2] = 'b';
		assertThat(StandardCharsets.UTF_8.decode(lent).toString()).isEqualTo("{\"b\":1}");
	}

	@Test
	void pooledDataBufferOfACancelledBodyIsReleased() {
		ByteBuf network = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(bytes("{\"a\":1}"));
		DataBuffer buffer = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT).wrap(network);
		WebClientHttpSender.lend(buffer).take(0, false).blockLast();
		assertThat(network.refCnt()).isZero();
	}

	private static void assertNoWebClientBuilder(Throwable failure, String prefix) {
		assertThat(failure).rootCause().isInstanceOfSatisfying(CustomLlmConfigurationException.class, (ex) -> {
			assertThat(ex).hasMessage(
					"'" + prefix + ".http.client' is webclient but the application has no" + " WebClient.Builder bean");
			assertThat(ex.getAction()).contains("spring-boot-starter-webclient", prefix + ".http.client=netty");
		});
	}

	private static void collectGarbageUntilLeakReported(CapturedOutput output, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!output.getAll().contains("LEAK:") && System.nanoTime() < deadline) {
			System.gc();
			for (int i = 0; i < 100; i++) {
				PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class ViaHeaderConfiguration {

		@Bean
		WebClientCustomizer viaHeader() {
			return (builder) -> builder.defaultHeader("X-Via", "webclient");
		}

	}

	/**
	 * What a Spring team does to put an OAuth2 client-credentials token on every call: a
	 * filter, applied to the application's WebClient.Builder by a customizer. Here each
	 * token lives for one request.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ShortLivedTokenConfiguration {

		@Bean
		ExchangeFilterFunction shortLivedToken() {
			AtomicInteger issued = new AtomicInteger();
			return (request, next) -> next.exchange(ClientRequest.from(request)
				.headers(
						(headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer token-" + issued.incrementAndGet()))
				.build());
		}

		@Bean
		WebClientCustomizer shortLivedTokenCustomizer(@Qualifier("shortLivedToken") ExchangeFilterFunction filter) {
			return (builder) -> builder.filter(filter);
		}

	}

}
