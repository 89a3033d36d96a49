package dev.customllm.health;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of an LLM service, from {@code GET {base-url}/models}. The result is cached, so
 * that health probes never flood the service; DOWN carries the status or the error, never
 * the key.
 *
 * @author Custom LLM team
 */
public class CustomLlmHealthIndicator implements ReactiveHealthIndicator {

	private static final int MAX_MODELS_SHOWN = 10;

	private final Mono<Health> health;

	/**
	 * Create a new instance.
	 * @param client the client of the service
	 * @param path the endpoint path that lists models
	 * @param cacheTime how long a result is reused
	 */
	public CustomLlmHealthIndicator(CustomLlmClient client, String path, Duration cacheTime) {
		this.health = client.listModels(path)
			.map((models) -> up(client, models))
			.onErrorResume((failure) -> Mono.just(down(client, failure)))
			.cache(cacheTime);
	}

	@Override
	public Mono<Health> health() {
		return this.health;
	}

	private static Health up(CustomLlmClient client, List<String> models) {
		return Health.up()
			.withDetail("baseUrl", client.baseUrl())
			.withDetail("models", models.subList(0, Math.min(models.size(), MAX_MODELS_SHOWN)))
			.withDetail("modelCount", models.size())
			.build();
	}

	private static Health down(CustomLlmClient client, Throwable failure) {
		return Health.down()
			.withDetail("baseUrl", client.baseUrl())
			.withDetail("error", failure.getClass().getSimpleName() + ": " + failure.getMessage())
			.build();
	}

}
