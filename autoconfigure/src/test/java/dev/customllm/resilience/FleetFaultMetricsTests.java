package dev.customllm.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.customllm.LlmRequestException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.redis.RedisServers.OwnRedis;
import dev.customllm.test.LlmSimulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Boot application whose limits are kept in Redis with {@code reject}, with Redis
 * stopped under it: the limiter's meters show the fault in {@code /actuator/prometheus},
 * and the application is not ready while it refuses every call.
 */
// a whole Boot application starts: up to 30 s on a machine loaded by other builds
@Timeout(90)
class FleetFaultMetricsTests {

	private static final List<String> SECURITY = List.of(
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration");

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void storeOutageShowsInThePrometheusScrapeAndTakesTheInstanceOutOfReadiness() throws Exception {
		OwnRedis redis = closing(new OwnRedis());
		LlmSimulator simulator = closing(LlmSimulator.start());
		ConfigurableApplicationContext context = closing(
				new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
					.logStartupInfo(false)
					.properties("spring.main.banner-mode=off", "spring.jmx.enabled=false",
							"spring.data.redis.repositories.enabled=false", "server.port=0", "server.address=127.0.0.1",
							// Spring Security is on this module's test class path (the
							// OAuth2
							// tests): keep the actuator open here
							"spring.autoconfigure.exclude=" + String.join(",", SECURITY),
							"management.endpoints.web.exposure.include=health,prometheus",
							"management.endpoint.health.show-details=always", "management.health.redis.enabled=false",
							"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
							"custom.llm.base-url=" + simulator.baseUrl(), "custom.llm.api-key=test",
							"custom.llm.completion.model=m", "custom.llm.rate-limit.requests-per-second=20",
							"custom.llm.rate-limit.max-wait=2s", "custom.llm.rate-limit.store=redis",
							"custom.llm.rate-limit.on-store-failure=reject",
							"custom.llm.rate-limit.redis.key-prefix=custom-llm-test:" + UUID.randomUUID())
					.run());
		long started = System.nanoTime();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		CompletionModel model = context.getBean(CompletionModel.class);
		assertThat(model.complete("before")).isNotBlank();
		Thread.sleep(1500);
		assertThat(get(port, "/actuator/health/readiness").statusCode()).as("ready while Redis answers").isEqualTo(200);
		redis.stop();
		assertThatExceptionOfType(LlmRequestException.class).isThrownBy(() -> model.complete("during"))
			.withMessageContaining("is unreachable and on-store-failure is reject");
		String scrape = get(port, "/actuator/prometheus").body();
		HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
		System.out.println("fault test: " + (System.nanoTime() - started) / 1_000_000 + " ms after start-up");
		System.out.println(scrape.lines().filter((line) -> line.startsWith("gen_ai_client_rate_limit")).toList());
		assertThat(scrape)
			.containsPattern("gen_ai_client_rate_limit_store_state\\{[^}]*state=\"rejecting\"[^}]*} 1\\.0")
			.containsPattern("gen_ai_client_rate_limit_store_state\\{[^}]*state=\"shared\"[^}]*} 0\\.0")
			.containsPattern("gen_ai_client_rate_limit_store_outages_total\\{[^}]*} 1\\.0")
			.containsPattern("gen_ai_client_rate_limit_rejections_total\\{[^}]*reason=\"store_down\"[^}]*} 1\\.0")
			.containsPattern("gen_ai_client_rate_limit_permits_total\\{[^}]*store=\"redis\"[^}]*} 1\\.0")
			.containsPattern("gen_ai_client_rate_limit_store_latency_seconds_count\\{[^}]*} [1-9]")
			.containsPattern("gen_ai_client_rate_limit_limit\\{[^}]*limit=\"rate\"[^}]*} 20\\.0")
			.containsPattern("gen_ai_client_rate_limit_queue\\{[^}]*limit=\"rate\"[^}]*} 0\\.0");
		assertThat(readiness.statusCode()).as("not ready while every call is refused").isEqualTo(503);
		assertThat(readiness.body()).contains("OUT_OF_SERVICE");
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
