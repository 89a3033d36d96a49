package dev.customllm.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks and prints a Markdown table: the library beside a bare Reactor
 * Netty baseline, both against a loopback stub in this JVM.
 * <p>
 * Arguments: {@code --quick} for a short run that only checks that everything works;
 * {@code --only=chat,structured,concurrency,embeddings,stream,responses,open-streams,fleet}
 * for some scenarios ({@code open-streams} runs only when named, and takes
 * {@code --open-streams=1000,5000} and {@code --open-streams-seconds=10} for a smaller
 * run: {@link OpenStreamsScenario}); {@code --only-contender=library} (or
 * {@code baseline}) to run one alone, for a profiler; {@code --one-cpu} to run in a child
 * JVM limited to one CPU ({@link OneCpu}); {@code --scaling} to add the scaling runs and
 * their charts ({@link Scaling}), with {@code --only=none} for those alone.
 *
 * @author Custom LLM team
 */
public final class Benchmarks {

	private static final List<String> SCENARIOS = List.of("chat", "structured", "concurrency", "stream", "responses",
			"embeddings", "open-streams", "fleet");

	private Benchmarks() {
	}

	/**
	 * Run the benchmarks.
	 * @param args {@code --quick}, {@code --only=…}
	 */
	public static void main(String[] args) throws Exception {
		if (Boolean.getBoolean(OpenStreamsClient.PROPERTY)) {
			OpenStreamsClient.main(args);
			return;
		}
		if (Arrays.asList(args).contains(OneCpu.FLAG) && !OneCpu.isChild()) {
			System.exit(OneCpu.relaunch(args));
		}
		String pinning = OneCpu.isChild() ? OneCpu.pinThreads() : "";
		Sizes sizes = Arrays.asList(args).contains("--quick") ? Sizes.QUICK : Sizes.FULL;
		Set<String> only = only(args);
		Samples.onlyContender = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--only-contender="))
			.map((arg) -> arg.substring("--only-contender=".length()))
			.findFirst()
			.orElse(null);
		printMachine(pinning);
		Report report = new Report(System.out);
		// the embeddings scenario runs last: it grows the heap and collects garbage the
		// most
		long start = System.nanoTime();
		try (StubServer stub = new StubServer()) {
			run(only, "chat", () -> new SequentialChatScenario(sizes).run(stub, report));
			run(only, "structured", () -> new StructuredScenario(sizes).run(stub, report));
			run(only, "concurrency", () -> new ConcurrencyScenario(sizes, 64, true).run(stub, report));
			run(only, "concurrency", () -> new ConcurrencyScenario(sizes, 256, true).run(stub, report));
			run(only, "stream", () -> new StreamScenario(sizes).run(stub, report));
			run(only, "responses", () -> new ResponsesScenario(sizes).run(stub, report));
			run(only, "embeddings", () -> new EmbeddingScenario(sizes).run(stub, report));
			run(only, "embeddings", () -> new EmbeddingScenario(sizes, (sizes == Sizes.QUICK) ? 2_000 : 100_000, 1)
				.runBase64(stub, report));
			if (only.contains("open-streams")) {
				System.out.println("open-streams …");
				openStreams(args, sizes).run(stub, report);
			}
			if (Arrays.asList(args).contains("--scaling")) {
				new Scaling(sizes, Path.of(option(args, "--charts=", "docs/img"))).run(stub);
			}
		}
		report.print();
		// its own table: limits shared through a redis-server it starts, no baseline
		run(only, "fleet", () -> new FleetScenario(sizes == Sizes.QUICK).run(System.out));
		System.out.printf("%nTotal time: %.0f s%n", (System.nanoTime() - start) / 1e9);
		System.exit(0);
	}

	private static OpenStreamsScenario openStreams(String[] args, Sizes sizes) {
		String counts = option(args, "--open-streams=", (sizes == Sizes.QUICK) ? "100,500" : "1000,5000,10000");
		int seconds = Integer.parseInt(option(args, "--open-streams-seconds=", (sizes == Sizes.QUICK) ? "5" : "30"));
		return new OpenStreamsScenario(Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray(), seconds,
				Path.of(option(args, "--charts=", "docs/img")));
	}

	private static String option(String[] args, String prefix, String otherwise) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> arg.substring(prefix.length()))
			.findFirst()
			.orElse(otherwise);
	}

	private static Set<String> only(String[] args) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--only="))
			.flatMap((arg) -> Arrays.stream(arg.substring("--only=".length()).split(",")))
			.collect(Collectors.toSet());
	}

	private static void run(Set<String> only, String scenario, Runnable run) {
		if (only.isEmpty() || only.contains(scenario)) {
			System.out.println(scenario + " …");
			run.run();
		}
	}

	private static void printMachine(String pinning) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("Machine: %d processors, Java %s (%s), max heap %d MB, JVM flags %s%n",
				runtime.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
				runtime.maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments());
		System.out.println("Mode: " + (OneCpu.isChild() ? "one CPU, " + pinning : "default"));
		System.out.println("Scenarios: " + SCENARIOS);
	}

}
