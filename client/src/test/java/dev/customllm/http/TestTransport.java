package dev.customllm.http;

import dev.customllm.ConnectionPool;
import dev.customllm.CustomLlmClient;

/**
 * The two ways a client makes its HTTP exchanges, for the transport-level tests that must
 * hold for both.
 *
 * @author Custom LLM team
 */
public enum TestTransport {

	/**
	 * The client's own Reactor Netty connection pool, the default.
	 */
	NETTY,

	/**
	 * An {@link HttpSender} the client is given, on a Reactor Netty client of its own.
	 */
	SENDER;

	/**
	 * Return a client builder that makes its exchanges this way.
	 * @return a new builder
	 */
	public CustomLlmClient.Builder builder() {
		CustomLlmClient.Builder builder = CustomLlmClient.builder();
		return (this == SENDER) ? builder.httpSender(NettyHttpSender.shared()) : builder;
	}

	/**
	 * Return the connection pool that the exchanges of a client use.
	 * @param client a client from {@link #builder()}
	 * @return the live counts of its pool
	 */
	public ConnectionPool pool(CustomLlmClient client) {
		return (this == SENDER) ? NettyHttpSender.shared().pool() : client.connectionPool();
	}

}
