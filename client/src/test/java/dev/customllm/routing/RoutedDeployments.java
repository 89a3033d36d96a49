package dev.customllm.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;

import dev.customllm.CustomLlmClient;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.SimulatedDeployments;

/**
 * Simulated deployments with one client each (no retries, short timeouts), a clock the
 * test moves, and the meters and observations of the routes built on them.
 */
final class RoutedDeployments implements AutoCloseable {

	final SimulatedDeployments simulated;

	final Map<String, CustomLlmClient> clients = new LinkedHashMap<>();

	final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

	final MeterRegistry meters = new SimpleMeterRegistry();

	final TestObservationRegistry observations = TestObservationRegistry.create();

	RoutedDeployments(String... names) {
		this.simulated = SimulatedDeployments.start(names);
		for (String name : names) {
			this.clients.put(name,
					CustomLlmClient.builder()
						.baseUrl(this.simulated.baseUrl(name))
						.apiKey("sk-routing-test-0001")
						.retry(RetrySettings.NONE)
						.responseTimeout(Duration.ofSeconds(3))
						.callTimeout(Duration.ofSeconds(5))
						.observationRegistry(this.observations)
						.build());
		}
	}

	/**
	 * A router over every deployment, in order, with a moving clock and shared meters.
	 */
	CompletionRouter.Builder router() {
		CompletionRouter.Builder builder = CompletionRouter.builder()
			.name("chat")
			.meterRegistry(this.meters)
			.clock(this.clock::get);
		this.clients.forEach((name, client) -> builder.deployment(name, client.completionModel("qwen3")));
		return builder;
	}

	void advance(Duration duration) {
		this.clock.addAndGet(duration.toMillis());
	}

	int calls(String name) {
		return this.simulated.calls(name);
	}

	List<Integer> allCalls() {
		List<Integer> calls = new ArrayList<>();
		this.clients.keySet().forEach((name) -> calls.add(calls(name)));
		return calls;
	}

	double failovers(String from, String to, String reason) {
		var counter = this.meters.find(RouteEvents.FAILOVERS)
			.tags("route", "chat", "from", from, "to", to, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	double failovers() {
		return this.meters.find(RouteEvents.FAILOVERS).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	@Override
	public void close() {
		this.clients.values().forEach(CustomLlmClient::close);
		this.simulated.close();
	}

}
