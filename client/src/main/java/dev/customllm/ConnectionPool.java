package dev.customllm;

/**
 * Live counts of a client's dedicated connection pool, summed over the addresses it
 * connects to: for health checks, tests and dashboards.
 *
 * @author Custom LLM team
 * @see CustomLlmClient#connectionPool()
 * @since 0.1.0
 */
public interface ConnectionPool {

	/**
	 * Return the number of connections in use by a request.
	 * @return the acquired connections
	 */
	int acquired();

	/**
	 * Return the number of open connections, in use or idle.
	 * @return the allocated connections
	 */
	int allocated();

	/**
	 * Return the number of requests waiting for a connection.
	 * @return the pending acquisitions
	 */
	int pending();

}
