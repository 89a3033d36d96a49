package dev.customllm.resilience;

import java.util.Map;

/**
 * The requests Bucket4j's compare-and-swap buckets sent to Redis, from the server's
 * {@code INFO commandstats}: each compare-and-swap reads the state ({@code GET}), then
 * sends a script ({@code EVAL}) that writes it if unchanged. The scripts' own commands
 * count in the statistics too, and are taken out: a compare-and-swap script calls
 * {@code get} and, when it succeeds, {@code psetex}; a script that creates a bucket calls
 * {@code set}.
 *
 * @param reads the {@code GET}s sent by the instances
 * @param scripts the {@code EVAL}s sent by the instances
 * @param conflicts the compare-and-swap scripts that found the state changed and had to
 * be sent again
 */
record RoundTrips(long reads, long scripts, long conflicts) {

	static RoundTrips of(Map<String, Long> calls) {
		long scripts = calls.getOrDefault("eval", 0L);
		long creations = calls.getOrDefault("set", 0L);
		long swaps = scripts - creations;
		long reads = calls.getOrDefault("get", 0L) - swaps;
		return new RoundTrips(reads, scripts, swaps - calls.getOrDefault("psetex", 0L));
	}

	long total() {
		return this.reads + this.scripts;
	}

	@Override
	public String toString() {
		return this.total() + " Redis round trips (" + this.reads + " GET, " + this.scripts + " EVAL, " + this.conflicts
				+ " compare-and-swap conflicts)";
	}

}
