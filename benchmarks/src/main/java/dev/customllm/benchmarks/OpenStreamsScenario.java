package dev.customllm.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of open streams ({@code --only=open-streams}): 1,000, 5,000 and 10,000
 * streams open at once, each sending one chunk per second for 30 seconds, read by one
 * client JVM limited to {@code -Xmx512m} ({@link OpenStreamsClient}, a JVM of its own per
 * contender and size, also for its file descriptors); the stub stays in this JVM. For
 * each: heap per open stream (live heap after a collection with every stream open, less
 * before), client CPU per chunk, delivery delay from the stub's write to the subscriber
 * (p50, p99, max), and streams that got fewer chunks than sent or failed. With
 * {@code --open-streams=<n>,<n>…} other sizes; {@code --open-streams-seconds=<s>} other
 * lengths; {@code --quick}: 100 and 500 streams of 5 chunks.
 * {@code -Dbenchmarks.open-streams-jvm="-XX:StartFlightRecording=filename=open-{contender}-{streams}.jfr"}
 * adds flags to the client JVMs, for a profiler.
 *
 * @author Custom LLM team
 */
final class OpenStreamsScenario {

	static final List<String> CONTENDERS = List.of("library", "baseline", "spring-ai-chat-model",
			"library-thread-per-stream");

	/**
	 * How long each stream stays open after its last text chunk, beyond the ramp: long
	 * enough that every stream is still open when the heap is measured, once the last
	 * stream opened has read its last chunk.
	 */
	private static final Duration TAIL = Duration.ofSeconds(5);

	private final int[] sizes;

	private final int seconds;

	private final Path charts;

	OpenStreamsScenario(int[] sizes, int seconds, Path charts) {
		this.sizes = sizes;
		this.seconds = seconds;
		this.charts = charts;
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		List<String> rows = new ArrayList<>();
		List<Map<String, Map<String, String>>> all = new ArrayList<>();
		for (int size : this.sizes) {
			stub.pacedStreams(this.seconds, Duration.ofSeconds(1), TAIL.plus(ramp(size)));
			Map<String, Map<String, String>> results = new LinkedHashMap<>();
			for (String contender : CONTENDERS) {
				if (Samples.onlyContender != null && !contender.equals(Samples.onlyContender)
						&& !contender.equals("baseline")) {
					continue;
				}
				System.out.println("open streams: " + size + ", " + contender + " …");
				Map<String, String> result = client(stub, contender, size);
				System.out.println("  " + result);
				results.put(contender, result);
				rows.add(row(size, contender, result));
			}
			report(report, size, results);
			all.add(results);
		}
		chart(all);
		System.out.println();
		System.out.println(
				"| open streams | contender | heap per stream (KB) | CPU per chunk (µs) | delay p50 · p99 · max (ms)"
						+ " | chunks read | starved · failed | client threads | stopped |");
		System.out.println("| ---: | --- | ---: | ---: | --- | ---: | --- | ---: | --- |");
		rows.forEach(System.out::println);
	}

	/**
	 * Time over which the client opens the streams: 1,000 a second, 2 seconds at least,
	 * so that connecting does not overflow the stub's accept backlog and the chunks do
	 * not all fall due at once.
	 */
	static Duration ramp(int streams) {
		return Duration.ofSeconds(Math.max(2, (streams + 999) / 1000));
	}

	private static String row(int size, String contender, Map<String, String> result) {
		return "| " + String.join(" | ", Integer.toString(size), contender, result.getOrDefault("heapPerStreamKb", ""),
				result.getOrDefault("cpuPerChunkUs", ""),
				result.getOrDefault("p50Ms", "") + " · " + result.getOrDefault("p99Ms", "") + " · "
						+ result.getOrDefault("maxMs", ""),
				result.getOrDefault("chunks", ""),
				result.getOrDefault("starved", "") + " · " + result.getOrDefault("failures", ""),
				result.getOrDefault("threads", ""), result.getOrDefault("stopped", "")) + " |";
	}

	private void report(Report report, int size, Map<String, Map<String, String>> results) {
		String name = size + " open streams, 1 chunk/s, -Xmx512m";
		Map<String, String> library = results.getOrDefault("library", Map.of());
		Map<String, String> baseline = results.getOrDefault("baseline", Map.of());
		report.ratio(name, "heap per open stream (KB)", number(library, "heapPerStreamKb"),
				number(baseline, "heapPerStreamKb"), null);
		report.ratio(name, "client CPU per chunk (µs)", number(library, "cpuPerChunkUs"),
				number(baseline, "cpuPerChunkUs"), null);
		double p99 = number(library, "p99Ms");
		report.absolute(name, "delivery delay p99 (ms)", Report.format(p99), baseline.getOrDefault("p99Ms", ""),
				"≤ 50 ms", p99 <= 50);
		boolean whole = "0".equals(library.get("starved")) && "0".equals(library.get("failures"))
				&& library.getOrDefault("stopped", "").isEmpty();
		report.absolute(name, "streams starved · failed",
				library.getOrDefault("starved", "?") + " · " + library.getOrDefault("failures", "?"),
				baseline.getOrDefault("starved", "?") + " · " + baseline.getOrDefault("failures", "?"), "none", whole);
	}

	/**
	 * Write the figures by number of streams as an SVG chart, {@code open-streams.svg}
	 * ({@code open-streams-one-cpu.svg} in the one-CPU mode), beside the scaling charts.
	 */
	private void chart(List<Map<String, Map<String, String>>> all) {
		String[] labels = new String[this.sizes.length];
		for (int i = 0; i < labels.length; i++) {
			labels[i] = (this.sizes[i] % 1_000 == 0) ? (this.sizes[i] / 1_000) + "k" : Integer.toString(this.sizes[i]);
		}
		SvgChart chart = new SvgChart("Open streams, one chunk a second each, -Xmx512m: by number of streams", labels);
		for (String[] figure : new String[][] { { "heap per open stream (KB)", "heapPerStreamKb" },
				{ "client CPU per chunk (µs)", "cpuPerChunkUs" }, { "delivery delay p99 (ms)", "p99Ms" } }) {
			SvgChart.Panel panel = chart.panel(figure[0]);
			for (String contender : CONTENDERS) {
				if (all.stream().anyMatch((results) -> results.containsKey(contender))) {
					panel.series(contender,
							all.stream()
								.mapToDouble((results) -> number(results.getOrDefault(contender, Map.of()), figure[1]))
								.toArray());
				}
			}
		}
		System.out.println();
		System.out.println(chart.markdown("streams"));
		Path file = this.charts.resolve("open-streams" + (OneCpu.isChild() ? "-one-cpu" : "") + ".svg");
		try {
			Files.createDirectories(this.charts);
			Files.writeString(file, chart.svg());
			System.out.println("Chart: " + file);
		}
		catch (IOException ex) {
			System.out.println("Could not write " + file + ": " + ex);
		}
	}

	private static double number(Map<String, String> result, String key) {
		try {
			return Double.parseDouble(result.getOrDefault(key, "NaN"));
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	private Map<String, String> client(StubServer stub, String contender, int size) {
		List<String> command = new ArrayList<>();
		if (OneCpu.isChild() && new File("/proc/self/task").isDirectory()) {
			command.addAll(List.of("taskset", "-c", "0"));
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx512m");
		String flags = System.getProperty("benchmarks.open-streams-jvm", "")
			.replace("{contender}", contender)
			.replace("{streams}", Integer.toString(size));
		if (!flags.isBlank()) {
			command.addAll(List.of(flags.trim().split(" +")));
		}
		if (OneCpu.isChild()) {
			command.addAll(List.of("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Dbenchmarks.one-cpu=true"));
		}
		command.add("-D" + OpenStreamsClient.PROPERTY + "=true");
		String classPath = System.getProperty("java.class.path");
		boolean jar = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
		command.addAll(jar ? List.of("-jar", classPath) : List.of("-cp", classPath, Benchmarks.class.getName()));
		command.addAll(List.of(contender, stub.baseUrl(), Integer.toString(size), Integer.toString(this.seconds)));
		Map<String, String> result = new LinkedHashMap<>();
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> tail = new ArrayList<>();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("RESULT ")) {
						for (String pair : line.substring("RESULT ".length()).split(" ")) {
							int equals = pair.indexOf('=');
							result.put(pair.substring(0, equals), pair.substring(equals + 1));
						}
					}
					else if (!line.startsWith("SLF4J")) {
						tail.add(line);
					}
				}
			}
			if (!process.waitFor(this.seconds + 180, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				result.putIfAbsent("stopped", "timed_out");
			}
			if (result.isEmpty()) {
				result.put("stopped", "no_result:"
						+ String.join("/", tail.subList(Math.max(0, tail.size() - 3), tail.size())).replace(' ', '_'));
			}
		}
		catch (IOException ex) {
			result.put("stopped", "could_not_start:" + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.put("stopped", "interrupted");
		}
		return result;
	}

}
