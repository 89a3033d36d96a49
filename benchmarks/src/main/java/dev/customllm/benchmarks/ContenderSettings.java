package dev.customllm.benchmarks;

import java.time.Duration;

/**
 * What both contenders of a scenario are given, so that they run on equal terms.
 *
 * @param baseUrl the stub's base URL
 * @param maxConnections the size of the connection pool
 * @param dimensions the expected vector length
 * @param batchSize the number of texts per embeddings request
 * @param maxConcurrency the number of embeddings requests in flight for one call
 * @param base64 whether to ask for base64 embeddings instead of float arrays
 * @author Custom LLM team
 */
record ContenderSettings(String baseUrl, int maxConnections, int dimensions, int batchSize, int maxConcurrency,
		boolean base64) {

	/**
	 * API key sent by both contenders.
	 */
	static final String API_KEY = "sk-benchmark";

	/**
	 * Idle time of pooled connections: longer than a scenario's pause between rounds, so
	 * that no round pays for reconnecting.
	 */
	static final Duration MAX_IDLE_TIME = Duration.ofSeconds(60);

	/**
	 * Time to establish a connection: Reactor Netty's default, which the baseline keeps,
	 * given to the library too (its own default is 10 s), so that both wait as long for a
	 * stub slow to accept thousands of connections.
	 */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Time to wait for the first byte of an answer.
	 */
	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Model name sent in requests.
	 */
	static final String MODEL = "bench-model";

	/**
	 * Return settings for chat scenarios.
	 * @param baseUrl the stub's base URL
	 * @param maxConnections the size of the connection pool
	 * @return the settings
	 */
	static ContenderSettings chat(String baseUrl, int maxConnections) {
		return new ContenderSettings(baseUrl, maxConnections, 1536, 256, 4, true);
	}

	/**
	 * Return settings for embeddings scenarios, with the library's default batching.
	 * @param baseUrl the stub's base URL
	 * @param dimensions the vector length
	 * @param base64 whether to ask for base64
	 * @return the settings
	 */
	static ContenderSettings embeddings(String baseUrl, int dimensions, boolean base64) {
		return new ContenderSettings(baseUrl, 16, dimensions, 256, 4, base64);
	}

}
