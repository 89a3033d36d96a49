package dev.customllm.redis;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis servers on loopback for the fleet tests, all started by the tests on free ports
 * (never a developer's Redis on 6379): one shared by the tests of a JVM, stopped when it
 * exits, and throw-away ones a test starts and stops itself. A test that needs one is
 * skipped, saying why, when {@code redis-server} is not installed (CI installs it).
 */
public final class RedisServers {

	private static @Nullable OwnRedis shared;

	private RedisServers() {
	}

	/**
	 * Return the port of the Redis shared by the tests of this JVM, started on first use;
	 * skip the test when {@code redis-server} is not installed.
	 */
	public static synchronized int sharedPort() {
		OwnRedis redis = shared;
		if (redis == null) {
			redis = new OwnRedis();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-test-redis"));
			shared = redis;
		}
		return redis.port();
	}

	public static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.read(answer);
			return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Send one command and return its answer: a simple string, an integer or a bulk
	 * string as text.
	 */
	public static String command(int port, String... args) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(5000);
			StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				request.append('$')
					.append(arg.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(arg)
					.append("\r\n");
			}
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			String line = readLine(in);
			if (line.startsWith("$")) {
				byte[] bulk = new byte[Integer.parseInt(line.substring(1))];
				in.readFully(bulk);
				return new String(bulk, StandardCharsets.UTF_8);
			}
			return line.substring(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send one command without waiting for its answer, such as {@code DEBUG SLEEP}, which
	 * answers only once the server wakes up.
	 */
	public static void commandWithoutAnswer(int port, String... args) {
		Thread thread = new Thread(() -> command(port, args), "redis-" + String.join("-", args));
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Return the number of calls Redis counted per command since its start or the last
	 * {@code CONFIG RESETSTAT}, such as {@code get} and {@code eval}.
	 */
	public static Map<String, Long> commandCalls(int port) {
		Map<String, Long> calls = new TreeMap<>();
		for (String line : command(port, "INFO", "commandstats").split("\r\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				String count = line.substring(line.indexOf("calls=") + "calls=".length(), line.indexOf(','));
				calls.put(name, Long.parseLong(count));
			}
		}
		return calls;
	}

	private static String readLine(DataInputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("connection closed");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	/**
	 * Return a port that no one listens on at the moment.
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A redis-server process of the test's own, which can be stopped and started again on
	 * the same port.
	 */
	public static final class OwnRedis implements AutoCloseable {

		private final int port;

		private final boolean debugCommand;

		private Process process;

		/**
		 * Start a server on a free port, with {@code DEBUG} enabled on loopback (for
		 * {@code DEBUG SLEEP}).
		 */
		public OwnRedis() {
			this(freePort(), true);
		}

		private final List<String> options;

		private OwnRedis(int port, boolean debugCommand, String... options) {
			this.port = port;
			this.debugCommand = debugCommand;
			this.options = List.of(options);
			assumeTrue(!answers(port), "port " + port + " is already taken by a Redis");
			start();
		}

		public void start() {
			List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
			if (this.debugCommand) {
				command.addAll(List.of("--enable-debug-command", "local"));
			}
			command.addAll(this.options);
			try {
				this.process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				assumeTrue(false, "redis-server is not installed or cannot be started (" + ex.getMessage()
						+ "); install it to run the fleet tests, as .ci/run does: apt-get install redis-server");
			}
			awaitAnswer(true);
		}

		public void stop() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			awaitAnswer(false);
		}

		private void awaitAnswer(boolean answer) {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (answers(this.port) != answer) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"redis-server on port " + this.port + " did not " + (answer ? "start" : "stop"));
				}
				sleep(Duration.ofMillis(20));
			}
		}

		public int port() {
			return this.port;
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

	/**
	 * A Redis Cluster of three masters on free ports, made with
	 * {@code redis-cli --cluster
	 * create}; the test is skipped when {@code redis-server} or {@code redis-cli} is not
	 * installed.
	 */
	public static final class OwnCluster implements AutoCloseable {

		private final List<OwnRedis> nodes = new ArrayList<>();

		private final java.nio.file.Path directory;

		public OwnCluster() {
			try {
				this.directory = java.nio.file.Files.createTempDirectory("redis-cluster");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			for (int i = 0; i < 3; i++) {
				int port = freePort();
				this.nodes.add(new OwnRedis(port, false, "--cluster-enabled", "yes", "--cluster-config-file",
						this.directory.resolve("nodes-" + port + ".conf").toString(), "--dir",
						this.directory.toString()));
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			for (OwnRedis node : this.nodes) {
				create.add("127.0.0.1:" + node.port());
			}
			create.add("--cluster-yes");
			try {
				Process process = new ProcessBuilder(create).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("redis-cli --cluster create")
					.isTrue();
			}
			catch (IOException ex) {
				close();
				assumeTrue(false, "redis-cli is not installed or cannot be started (" + ex.getMessage()
						+ "); install it to run the cluster tests, as .ci/run does: apt-get install redis-tools");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (!this.nodes.stream()
				.allMatch((node) -> command(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"))) {
				assertThat(System.nanoTime()).as("the cluster's state is ok").isLessThan(deadline);
				sleep(Duration.ofMillis(100));
			}
		}

		public List<Integer> ports() {
			return this.nodes.stream().map(OwnRedis::port).toList();
		}

		/**
		 * Return the port of the node that holds a key, or -1.
		 */
		public int holderOf(String key) {
			for (OwnRedis node : this.nodes) {
				String answer = command(node.port(), "EXISTS", key);
				if (answer.equals("1")) {
					return node.port();
				}
			}
			return -1;
		}

		@Override
		public void close() {
			this.nodes.forEach(OwnRedis::close);
		}

	}

	/**
	 * Open the store's connection and warm its code up, on a key of its own, so that a
	 * first ask on a loaded machine does not outlast the store's timeout: the buckets
	 * under test stay cold.
	 */
	public static RateLimitStore warmedUp(RateLimitStore store) {
		SharedBucket bucket = store.bucket("warm-up", new Bandwidth(1, 1, Duration.ofSeconds(1)));
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!bucket.availableTokens().handle((tokens, failure) -> failure == null).join()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(store + " did not answer within 15 s");
			}
			sleep(Duration.ofMillis(50));
		}
		return store;
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
