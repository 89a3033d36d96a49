package dev.customllm.test;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link LlmSimulator} on its own, for gateways, non-Java clients and dev runs of
 * an application: {@code java -jar custom-llm-simulator.jar --port 8089}. Stops on
 * SIGTERM or Ctrl-C.
 *
 * @since 0.1.0
 */
public final class SimulatorMain {

	static final String USAGE = """
			Usage: java -jar custom-llm-simulator.jar [--port PORT] [--host ADDRESS] [--api-key KEY]
			  --port PORT      port to listen on (default 8089, 0 for a free one)
			  --host ADDRESS   address to listen on (default 127.0.0.1, 0.0.0.0 for all)
			  --api-key KEY    answer 401 to requests without Authorization: Bearer KEY (default: no key)""";

	private SimulatorMain() {
	}

	/**
	 * Start the simulator and wait until the JVM is asked to stop.
	 * @param args {@code --port PORT} and {@code --host ADDRESS}, both optional
	 * @throws InterruptedException if the main thread is interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(USAGE);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		AtomicReference<@Nullable LlmSimulator> running = new AtomicReference<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			LlmSimulator simulator = running.get();
			if (simulator != null) {
				simulator.close();
				System.out.println("LLM simulator stopped");
				System.out.flush();
			}
			stopped.countDown();
		}, "llm-simulator-shutdown"));
		running.set(start(options, System.out));
		stopped.await();
	}

	static LlmSimulator start(Options options, PrintStream out) {
		LlmSimulator simulator = LlmSimulator.start(options.host(), options.port());
		String apiKey = options.apiKey();
		if (apiKey != null) {
			simulator.requireApiKey(apiKey);
		}
		out.println("LLM simulator (custom-llm-test, not a real model: answers are canned) listening on "
				+ simulator.baseUrl() + " ; faults: POST /__admin/simulator/faults, journal: GET /__admin/requests");
		out.flush();
		return simulator;
	}

	/**
	 * The command-line options.
	 *
	 * @param host the address to listen on
	 * @param port the port to listen on, 0 for a free one
	 * @param help whether only the usage is asked for
	 * @param apiKey the key every request must carry, or {@code null} for none
	 */
	record Options(String host, int port, boolean help, @Nullable String apiKey) {

		static final int DEFAULT_PORT = 8089;

		static Options parse(String... args) {
			String host = "127.0.0.1";
			int port = DEFAULT_PORT;
			String apiKey = null;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--help", "-h" -> {
						return new Options(host, port, true, apiKey);
					}
					case "--port" -> port = port(value(args, ++i, arg));
					case "--host" -> host = value(args, ++i, arg);
					case "--api-key" -> apiKey = value(args, ++i, arg);
					default -> {
						if (arg.startsWith("--port=")) {
							port = port(arg.substring("--port=".length()));
						}
						else if (arg.startsWith("--host=")) {
							host = arg.substring("--host=".length());
						}
						else if (arg.startsWith("--api-key=")) {
							apiKey = arg.substring("--api-key=".length());
						}
						else {
							throw new IllegalArgumentException("Unknown option: " + arg);
						}
					}
				}
			}
			return new Options(host, port, false, apiKey);
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length || args[index].isBlank()) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

		private static int port(String value) {
			try {
				int port = Integer.parseInt(value);
				if (port < 0 || port > 65535) {
					throw new IllegalArgumentException("--port must be between 0 and 65535, but was " + value);
				}
				return port;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--port must be a number, but was '" + value + "'");
			}
		}

	}

}
