package dev.customllm.retry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis servers on loopback for the fleet tests: the shared one on port 6379 that CI
 * starts, and throw-away ones a test starts and stops itself.
 */
final class RedisServers {

	static final int SHARED_PORT = 6379;

	private RedisServers() {
	}

	static void assumeSharedRedis() {
		assumeTrue(answers(SHARED_PORT), "no Redis answers PING on 127.0.0.1:" + SHARED_PORT
				+ "; start one with: redis-server --port 6379 --bind 127.0.0.1 --daemonize yes");
	}

	static boolean answers(int port) {
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
	 * A redis-server process of the test's own, which can be stopped and started again on
	 * the same port.
	 */
	static final class OwnRedis implements AutoCloseable {

		private final int port;

		private Process process;

		OwnRedis(int port) {
			this.port = port;
			assumeTrue(!answers(port), "port " + port + " is already taken by a Redis");
			start();
		}

		void start() {
			try {
				this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
						"127.0.0.1", "--save", "", "--appendonly", "no")
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				assumeTrue(false, "redis-server cannot be started: " + ex.getMessage());
			}
			awaitAnswer(true);
		}

		void stop() {
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
					throw new IllegalStateException("redis-server on port " + this.port + " did not "
							+ (answer ? "start" : "stop"));
				}
				sleep(Duration.ofMillis(20));
			}
		}

		int port() {
			return this.port;
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
