package dev.customllm.resilience;

import java.util.Map;

/**
 * The requests the instances sent to Redis, from the server's {@code INFO commandstats}:
 * the limits' script by its digest ({@code EVALSHA}: asks, settlements and heartbeats),
 * whole ({@code EVAL}, after Redis lost it) and probes ({@code PING}). The script's own
 * commands run inside Redis and cost no round trip; the few commands that open a
 * connection are left out.
 *
 * @param scripts the {@code EVALSHA}s and {@code EVAL}s
 * @param probes the {@code PING}s
 */
record RoundTrips(long scripts, long probes) {

	static RoundTrips of(Map<String, Long> calls) {
		return new RoundTrips(calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L),
				calls.getOrDefault("ping", 0L));
	}

	long total() {
		return this.scripts + this.probes;
	}

	@Override
	public String toString() {
		return this.total() + " Redis round trips (" + this.scripts + " scripts, " + this.probes + " probes)";
	}

}
