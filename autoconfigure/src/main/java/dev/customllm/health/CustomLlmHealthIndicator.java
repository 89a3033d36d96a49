package dev.customllm.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.resilience.RateLimitStoreStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of an LLM service, from {@code GET {base-url}/models}. The result is cached, so
 * that health probes never flood the service; DOWN carries the status or the error, never
 * the key. When the client shares its rate limits through a store, the detail
 * {@code rateLimitStore} tells, at every call, where the limits are kept ({@code shared},
 * {@code local-fallback} or {@code rejecting}), since when, and in which store; the store
 * never changes the status.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public class CustomLlmHealthIndicator implements ReactiveHealthIndicator {

	private static final int MAX_MODELS_SHOWN = 10;

	private final CustomLlmClient client;

	private final Mono<Health> health;

	private final boolean outOfServiceWhileRejecting;

	/**
	 * Create a new instance that is {@code OUT_OF_SERVICE} while the client's rate-limit
	 * store is unreachable and its calls are rejected.
	 * @param client the client of the service
	 * @param path the endpoint path that lists models
	 * @param cacheTime how long a result is reused
	 */
	public CustomLlmHealthIndicator(CustomLlmClient client, String path, Duration cacheTime) {
		this(client, path, cacheTime, true);
	}

	/**
	 * Create a new instance.
	 * @param client the client of the service
	 * @param path the endpoint path that lists models
	 * @param cacheTime how long a result is reused
	 * @param outOfServiceWhileRejecting whether the health is {@code OUT_OF_SERVICE} (and
	 * the application, in the readiness group, not ready) while the client's rate-limit
	 * store is unreachable and its calls are rejected
	 */
	public CustomLlmHealthIndicator(CustomLlmClient client, String path, Duration cacheTime,
			boolean outOfServiceWhileRejecting) {
		this.client = client;
		this.outOfServiceWhileRejecting = outOfServiceWhileRejecting;
		this.health = client.listModels(path)
			.map((models) -> up(client, models))
			.onErrorResume((failure) -> Mono.just(down(client, failure)))
			.cache(cacheTime);
	}

	@Override
	public Mono<Health> health() {
		return this.health.map(this::withRateLimitStore);
	}

	private Health withRateLimitStore(Health health) {
		return this.client.rateLimitStoreStatus()
			.map((status) -> Health
				.status((this.outOfServiceWhileRejecting && status.state() == RateLimitStoreStatus.State.REJECTING)
						? Status.OUT_OF_SERVICE : health.getStatus())
				.withDetails(health.getDetails())
				.withDetail("rateLimitStore", details(status))
				.build())
			.orElse(health);
	}

	private static Map<String, Object> details(RateLimitStoreStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", status.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		details.put("since", status.since().toString());
		details.put("store", status.store());
		return details;
	}

	private static Health up(CustomLlmClient client, List<String> models) {
		return Health.up()
			.withDetail("baseUrl", CustomLlmClient.printableUrl(client.baseUrl()))
			.withDetail("models", models.subList(0, Math.min(models.size(), MAX_MODELS_SHOWN)))
			.withDetail("modelCount", models.size())
			.build();
	}

	private static Health down(CustomLlmClient client, Throwable failure) {
		return Health.down()
			.withDetail("baseUrl", CustomLlmClient.printableUrl(client.baseUrl()))
			.withDetail("error", failure.getClass().getSimpleName() + ": " + failure.getMessage())
			.build();
	}

}
