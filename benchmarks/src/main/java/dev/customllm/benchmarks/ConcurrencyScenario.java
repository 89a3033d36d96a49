package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chat calls with a fixed number in flight and a fixed server latency: throughput against
 * its bound (concurrency ÷ latency), latency percentiles, and CPU time per call.
 *
 * @author Custom LLM team
 */
final class ConcurrencyScenario {

	private static final Duration LATENCY = Duration.ofMillis(50);

	private static final String PROMPT = "Answer after a while.";

	private final Sizes sizes;

	private final int concurrency;

	private final boolean targets;

	/**
	 * Create a scenario.
	 * @param sizes how much to run
	 * @param concurrency the number of calls in flight
	 * @param targets whether the targets apply to this concurrency
	 */
	ConcurrencyScenario(Sizes sizes, int concurrency, boolean targets) {
		this.sizes = sizes;
		this.concurrency = concurrency;
		this.targets = targets;
	}

	void run(StubServer stub, Report report) {
		stub.latency(LATENCY);
		double bound = this.concurrency / (LATENCY.toNanos() / 1e9);
		int calls = (int) (bound * this.sizes.concurrentSeconds());
		Samples samples = new Samples();
		Map<String, long[]> latencies = new HashMap<>();
		ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), this.concurrency);
		try (Contender library = new LibraryContender(settings); Contender baseline = new BaselineContender(settings)) {
			// as many warm-up rounds as the other scenarios: with one, the first measured
			// rounds
			// still paid for compiling the library's longer path (about 50 against 35-40
			// µs per call)
			Samples.alternate(this.sizes.warmupRounds(), library, baseline, (contender) -> round(contender, calls));
			Samples.alternate(Math.max(1, this.sizes.rounds() / 3), library, baseline, (contender) -> {
				ClientMeter meter = ClientMeter.start();
				Round round = round(contender, calls);
				ClientMeter.Cost cost = meter.stop();
				samples.add(contender, "rate", calls / (round.wallNanos() / 1e9));
				samples.add(contender, "cpu", cost.cpuNanos() / 1e3 / calls);
				latencies.merge(contender.name(), round.latencies(), ConcurrencyScenario::concat);
			});
			report(report, samples, latencies, library, baseline, bound);
		}
	}

	private void report(Report report, Samples samples, Map<String, long[]> latencies, Contender library,
			Contender baseline, double bound) {
		String name = "chat, concurrency " + this.concurrency + ", 50 ms";
		double libraryRate = samples.median(library, "rate");
		double baselineRate = samples.median(baseline, "rate");
		report.absolute(name, "calls/s (bound " + Report.format(bound) + ")",
				Report.format(libraryRate) + " (" + percent(libraryRate / bound) + ")",
				Report.format(baselineRate) + " (" + percent(baselineRate / bound) + ")",
				this.targets ? "≥ baseline − 1 point" : "",
				this.targets ? libraryRate >= baselineRate - 0.01 * bound : null);
		double libraryP50 = Stats.percentileMillis(latencies.getOrDefault(library.name(), new long[0]), 50);
		double baselineP50 = Stats.percentileMillis(latencies.getOrDefault(baseline.name(), new long[0]), 50);
		report.ratio(name, "p50 latency (ms)", libraryP50, baselineP50, null);
		double libraryP99 = Stats.percentileMillis(latencies.getOrDefault(library.name(), new long[0]), 99);
		double baselineP99 = Stats.percentileMillis(latencies.getOrDefault(baseline.name(), new long[0]), 99);
		report.absolute(name, "p99 latency (ms)", Report.format(libraryP99), Report.format(baselineP99),
				this.targets ? "≤ baseline + 3 ms" : "", this.targets ? libraryP99 <= baselineP99 + 3 : null);
		report.ratio(name, "client CPU per call (µs)", samples.median(library, "cpu"), samples.median(baseline, "cpu"),
				this.targets ? 1.1 : null);
	}

	private static String percent(double fraction) {
		return String.format(java.util.Locale.ROOT, "%.2f %%", 100 * fraction);
	}

	Round round(Contender contender, int calls) {
		long[] latencies = new long[calls];
		long start = System.nanoTime();
		Flux.range(0, calls).flatMap((i) -> Mono.defer(() -> {
			long callStart = System.nanoTime();
			return contender.chat(PROMPT).doOnSuccess((text) -> latencies[i] = System.nanoTime() - callStart);
		}), this.concurrency, 1).then().block();
		return new Round(System.nanoTime() - start, latencies);
	}

	private static long[] concat(long[] first, long[] second) {
		long[] all = new long[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	/**
	 * One round: its duration, and the latency of each call.
	 */
	record Round(long wallNanos, long[] latencies) {

	}

}
