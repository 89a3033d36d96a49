package dev.customllm.redis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Where the Redis that holds a fleet's rate limits is, and how to reach it: a standalone
 * server, a Sentinel-managed master or a Redis Cluster, with database, credentials, SSL
 * and the longest wait for an answer. Immutable; built with {@link #builder()}.
 * {@link #toString()} never shows a password.
 *
 * @author Custom LLM team
 * @since 0.1.0
 * @see RedisRateLimitConnection
 */
public final class RedisConnectionSettings {

	private final String host;

	private final int port;

	private final int database;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String sentinelMaster;

	private final List<InetSocketAddress> sentinels;

	private final @Nullable String sentinelPassword;

	private final List<InetSocketAddress> clusterNodes;

	private final boolean ssl;

	private final @Nullable KeyManagerFactory keyManagers;

	private final @Nullable TrustManagerFactory trustManagers;

	private final Duration timeout;

	private RedisConnectionSettings(Builder builder) {
		this.host = builder.host;
		this.port = builder.port;
		this.database = builder.database;
		this.username = builder.username;
		this.password = builder.password;
		this.sentinelMaster = builder.sentinelMaster;
		this.sentinels = List.copyOf(builder.sentinels);
		this.sentinelPassword = builder.sentinelPassword;
		this.clusterNodes = List.copyOf(builder.clusterNodes);
		this.ssl = builder.ssl;
		this.keyManagers = builder.keyManagers;
		this.trustManagers = builder.trustManagers;
		this.timeout = builder.timeout;
	}

	/**
	 * Start settings for {@code localhost:6379}, database 0, no credentials, no SSL and a
	 * timeout of 500 ms.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return the host of a standalone server.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the port of a standalone server.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the database number.
	 * @return the database
	 */
	public int database() {
		return this.database;
	}

	/**
	 * Return the user name of an ACL user.
	 * @return the user name, or {@code null} for the default user
	 */
	public @Nullable String username() {
		return this.username;
	}

	/**
	 * Return the password.
	 * @return the password, or {@code null} for none
	 */
	public @Nullable String password() {
		return this.password;
	}

	/**
	 * Return the name of the master that the Sentinels manage.
	 * @return the master's name, or {@code null} for a standalone server
	 */
	public @Nullable String sentinelMaster() {
		return this.sentinelMaster;
	}

	/**
	 * Return the Sentinels to ask for the master.
	 * @return the Sentinels, empty for a standalone server
	 */
	public List<InetSocketAddress> sentinels() {
		return this.sentinels;
	}

	/**
	 * Return the password of the Sentinels.
	 * @return the password, or {@code null} for none
	 */
	public @Nullable String sentinelPassword() {
		return this.sentinelPassword;
	}

	/**
	 * Return the nodes of a Redis Cluster to discover it from.
	 * @return the nodes, empty unless Redis is a cluster
	 */
	public List<InetSocketAddress> clusterNodes() {
		return this.clusterNodes;
	}

	/**
	 * Return whether the connection uses SSL.
	 * @return whether SSL is on
	 */
	public boolean ssl() {
		return this.ssl;
	}

	/**
	 * Return the key managers of an SSL connection with a client certificate.
	 * @return the key managers, or {@code null} for the JDK's defaults
	 */
	public @Nullable KeyManagerFactory keyManagers() {
		return this.keyManagers;
	}

	/**
	 * Return the trust managers of an SSL connection.
	 * @return the trust managers, or {@code null} for the JDK's defaults
	 */
	public @Nullable TrustManagerFactory trustManagers() {
		return this.trustManagers;
	}

	/**
	 * Return the longest wait for a command or a connection before Redis counts as
	 * unreachable.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof RedisConnectionSettings that)) {
			return false;
		}
		return this.port == that.port && this.database == that.database && this.ssl == that.ssl
				&& this.host.equals(that.host) && Objects.equals(this.username, that.username)
				&& Objects.equals(this.password, that.password)
				&& Objects.equals(this.sentinelMaster, that.sentinelMaster) && this.sentinels.equals(that.sentinels)
				&& Objects.equals(this.sentinelPassword, that.sentinelPassword)
				&& this.clusterNodes.equals(that.clusterNodes) && Objects.equals(this.keyManagers, that.keyManagers)
				&& Objects.equals(this.trustManagers, that.trustManagers) && this.timeout.equals(that.timeout);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.host, this.port, this.database, this.username, this.password, this.sentinelMaster,
				this.sentinels, this.sentinelPassword, this.clusterNodes, this.ssl, this.keyManagers,
				this.trustManagers, this.timeout);
	}

	/**
	 * Return where Redis is, as a URI without credentials: {@code redis://host:port/db},
	 * {@code rediss://…} with SSL, {@code redis-sentinel://host:port,…/db#master} for a
	 * Sentinel-managed master, {@code redis-cluster://host:port,…} for a cluster.
	 * @return the address
	 */
	@Override
	public String toString() {
		if (!this.clusterNodes.isEmpty()) {
			return (this.ssl ? "rediss-cluster://" : "redis-cluster://") + nodes(this.clusterNodes);
		}
		if (this.sentinelMaster != null) {
			return "redis-sentinel://" + nodes(this.sentinels) + "/" + this.database + "#" + this.sentinelMaster;
		}
		return (this.ssl ? "rediss://" : "redis://") + this.host + ":" + this.port + "/" + this.database;
	}

	private static String nodes(List<InetSocketAddress> nodes) {
		return nodes.stream()
			.map((node) -> node.getHostString() + ":" + node.getPort())
			.collect(Collectors.joining(","));
	}

	/**
	 * Builds {@link RedisConnectionSettings}. Not thread-safe.
	 */
	public static final class Builder {

		private String host = "localhost";

		private int port = 6379;

		private int database;

		private @Nullable String username;

		private @Nullable String password;

		private @Nullable String sentinelMaster;

		private final List<InetSocketAddress> sentinels = new ArrayList<>();

		private @Nullable String sentinelPassword;

		private final List<InetSocketAddress> clusterNodes = new ArrayList<>();

		private boolean ssl;

		private @Nullable KeyManagerFactory keyManagers;

		private @Nullable TrustManagerFactory trustManagers;

		private Duration timeout = Duration.ofMillis(500);

		private Builder() {
		}

		private Builder(RedisConnectionSettings settings) {
			this.host = settings.host;
			this.port = settings.port;
			this.database = settings.database;
			this.username = settings.username;
			this.password = settings.password;
			this.sentinelMaster = settings.sentinelMaster;
			this.sentinels.addAll(settings.sentinels);
			this.sentinelPassword = settings.sentinelPassword;
			this.clusterNodes.addAll(settings.clusterNodes);
			this.ssl = settings.ssl;
			this.keyManagers = settings.keyManagers;
			this.trustManagers = settings.trustManagers;
			this.timeout = settings.timeout;
		}

		/**
		 * Set the host and port of a standalone server.
		 * @param host the host
		 * @param port the port
		 * @return this builder
		 */
		public Builder standalone(String host, int port) {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("host must not be blank");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port must be between 1 and 65535, but was " + port);
			}
			this.host = host;
			this.port = port;
			return this;
		}

		/**
		 * Set a master managed by Sentinels, in place of a standalone server.
		 * @param master the name of the master
		 * @param sentinels the Sentinels to ask for it, at least one
		 * @return this builder
		 */
		public Builder sentinel(String master, List<InetSocketAddress> sentinels) {
			if (master == null || master.isBlank()) {
				throw new IllegalArgumentException("master must not be blank");
			}
			if (sentinels == null || sentinels.isEmpty()) {
				throw new IllegalArgumentException("sentinels must not be empty");
			}
			this.sentinelMaster = master;
			this.sentinels.clear();
			this.sentinels.addAll(sentinels);
			this.clusterNodes.clear();
			return this;
		}

		/**
		 * Set the nodes of a Redis Cluster, in place of a standalone server or Sentinels.
		 * The cluster is discovered from them; a cluster has only database 0.
		 * @param nodes some nodes of the cluster, at least one
		 * @return this builder
		 */
		public Builder cluster(List<InetSocketAddress> nodes) {
			if (nodes == null || nodes.isEmpty()) {
				throw new IllegalArgumentException("nodes must not be empty");
			}
			this.clusterNodes.clear();
			this.clusterNodes.addAll(nodes);
			this.sentinelMaster = null;
			this.sentinels.clear();
			return this;
		}

		/**
		 * Set the password of the Sentinels.
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder sentinelPassword(@Nullable String password) {
			this.sentinelPassword = password;
			return this;
		}

		/**
		 * Set the database number.
		 * @param database the database, 0 or more
		 * @return this builder
		 */
		public Builder database(int database) {
			if (database < 0) {
				throw new IllegalArgumentException("database must not be negative, but was " + database);
			}
			this.database = database;
			return this;
		}

		/**
		 * Set the credentials.
		 * @param username the user name of an ACL user, or {@code null} for the default
		 * user
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder credentials(@Nullable String username, @Nullable String password) {
			this.username = username;
			this.password = password;
			return this;
		}

		/**
		 * Set whether the connection uses SSL.
		 * @param ssl whether SSL is on
		 * @return this builder
		 */
		public Builder ssl(boolean ssl) {
			this.ssl = ssl;
			return this;
		}

		/**
		 * Use SSL with the given managers, such as those of a Spring Boot SSL bundle.
		 * @param keyManagers the key managers, or {@code null} for the JDK's defaults
		 * @param trustManagers the trust managers, or {@code null} for the JDK's defaults
		 * @return this builder
		 */
		public Builder ssl(@Nullable KeyManagerFactory keyManagers, @Nullable TrustManagerFactory trustManagers) {
			this.ssl = true;
			this.keyManagers = keyManagers;
			this.trustManagers = trustManagers;
			return this;
		}

		/**
		 * Set the longest wait for a command or a connection before Redis counts as
		 * unreachable.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the settings.
		 * @return the settings
		 */
		public RedisConnectionSettings build() {
			if (!this.clusterNodes.isEmpty() && this.database != 0) {
				throw new IllegalArgumentException(
						"a Redis Cluster has only database 0, but database was " + this.database);
			}
			return new RedisConnectionSettings(this);
		}

	}

}
