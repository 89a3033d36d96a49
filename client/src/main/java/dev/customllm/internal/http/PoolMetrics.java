package dev.customllm.internal.http;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import dev.customllm.ConnectionPool;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Live counts of one client's connection pool, summed over the remote addresses it
 * connects to.
 *
 * @author Custom LLM team
 */
public final class PoolMetrics implements ConnectionProvider.MeterRegistrar, ConnectionPool {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(id + remoteAddress, metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(id + remoteAddress);
	}

	/**
	 * Return the number of connections in use by a request.
	 * @return the acquired connections
	 */
	@Override
	public int acquired() {
		return sum(ConnectionPoolMetrics::acquiredSize);
	}

	/**
	 * Return the number of open connections, in use or idle.
	 * @return the allocated connections
	 */
	@Override
	public int allocated() {
		return sum(ConnectionPoolMetrics::allocatedSize);
	}

	/**
	 * Return the number of requests waiting for a connection.
	 * @return the pending acquisitions
	 */
	@Override
	public int pending() {
		return sum(ConnectionPoolMetrics::pendingAcquireSize);
	}

	private int sum(ToIntFunction<ConnectionPoolMetrics> count) {
		return this.pools.values().stream().mapToInt(count).sum();
	}

}
