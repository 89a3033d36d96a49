package dev.customllm.benchmarks;

/**
 * How much each scenario runs: the full run, or a quick one that only checks that
 * everything works. Warm-up is generous: the code run once per call or per stream
 * (building the reactive pipeline) needs thousands of runs before the JIT compiler has
 * optimized it, and until then it dominates latencies such as the time to the first
 * chunk.
 *
 * @param warmupRounds rounds before measuring (each contender once per round)
 * @param rounds measured rounds (each contender once per round)
 * @param warmupCalls chat calls per warm-up round of the sequential scenario
 * @param sequentialCalls chat calls per measured round of the sequential scenario
 * @param concurrentSeconds seconds per round of the concurrency scenarios, at the bound
 * @param texts texts per embeddings call
 * @param embeddingRounds measured rounds of the embeddings scenarios
 * @param warmupStreams streams per warm-up round of the streaming scenario
 * @param streams streams per measured round of the streaming scenario
 * @author Custom LLM team
 */
record Sizes(int warmupRounds, int rounds, int warmupCalls, int sequentialCalls, double concurrentSeconds, int texts,
		int embeddingRounds, int warmupStreams, int streams) {

	/**
	 * The full run: about three minutes on two cores.
	 */
	static final Sizes FULL = new Sizes(3, 10, 8_000, 2_000, 3, 10_000, 3, 300, 50);

	/**
	 * A quick run, to check that everything works.
	 */
	static final Sizes QUICK = new Sizes(1, 2, 300, 300, 0.5, 1_000, 1, 10, 10);

}
