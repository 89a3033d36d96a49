package dev.customllm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * How cost grows with the work ({@code --scaling}): embeddings of 1k, 10k and 100k texts,
 * streams of 100, 1k and 10k chunks, and 64, 256 and 1,024 callers, the library beside
 * the baseline. Prints a Markdown table per dimension and writes each as an SVG chart
 * ({@link SvgChart}) into {@code --charts=<directory>} ({@code docs/img} by default), the
 * file names ending in {@code -one-cpu} in the one-CPU mode.
 *
 * @author Custom LLM team
 */
final class Scaling {

	private static final List<String> CONTENDERS = List.of("library", "baseline");

	private final Sizes sizes;

	private final Path charts;

	private final String suffix;

	Scaling(Sizes sizes, Path charts) {
		this.sizes = sizes;
		this.charts = charts;
		this.suffix = OneCpu.isChild() ? "-one-cpu" : "";
	}

	void run(StubServer stub) {
		embeddings(stub);
		streams(stub);
		callers(stub);
	}

	private void embeddings(StubServer stub) {
		int[] counts = (this.sizes == Sizes.QUICK) ? new int[] { 100, 1_000, 2_000 }
				: new int[] { 1_000, 10_000, 100_000 };
		List<Samples> results = new ArrayList<>();
		stub.latency(Duration.ZERO);
		stub.dimensions(EmbeddingScenario.DIMENSIONS);
		for (int count : counts) {
			System.out.println("scaling: embeddings of " + count + " texts …");
			Sizes sizes = new Sizes(1, 1, 0, 0, 0, count, 1, 0, 0);
			results.add(measure(() -> new EmbeddingScenario(sizes).measure(stub, true, false)));
		}
		String[] labels = labels(counts);
		double[] vectors = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			vectors[i] = counts[i] * (double) EmbeddingScenario.DIMENSIONS * Float.BYTES / 1e6;
		}
		SvgChart chart = new SvgChart("Embeddings, 1,536 dimensions, base64: cost by number of texts", labels);
		panel(chart, results, "wall time (ms)", "wall", null);
		panel(chart, results, "allocated (MB)", "alloc", vectors);
		panel(chart, results, "peak live heap growth (MB)", "heap", vectors);
		write(chart, "scaling-embeddings", "texts");
	}

	private void streams(StubServer stub) {
		int[] chunks = { 100, 1_000, 10_000 };
		List<Samples> results = new ArrayList<>();
		ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), 8);
		stub.latency(Duration.ZERO);
		try (Contender library = new LibraryContender(settings); Contender baseline = new BaselineContender(settings)) {
			for (int count : chunks) {
				System.out.println("scaling: streams of " + count + " chunks …");
				stub.streamChunks(count);
				int streams = Math.max(2, ((this.sizes == Sizes.QUICK) ? 5_000 : 50_000) / count);
				Samples samples = new Samples();
				Samples.alternate(1, library, baseline,
						(contender) -> StreamScenario.streams(contender, streams, count));
				Samples.alternate(Math.max(2, this.sizes.rounds() / 2), library, baseline, (contender) -> {
					ClientMeter meter = ClientMeter.start();
					double first = StreamScenario.streams(contender, streams, count);
					ClientMeter.Cost cost = meter.stop();
					double total = (double) count * streams;
					samples.add(contender, "cpu", cost.cpuNanos() / 1e3 / total);
					samples.add(contender, "alloc", cost.allocatedBytes() / total);
					samples.add(contender, "first", first);
				});
				results.add(samples);
			}
		}
		SvgChart chart = new SvgChart("Streams: cost per chunk by chunks per stream", labels(chunks));
		panel(chart, results, "client CPU per chunk (µs)", "cpu", null);
		panel(chart, results, "allocated per chunk (bytes)", "alloc", null);
		panel(chart, results, "time to first chunk (ms)", "first", null);
		write(chart, "scaling-streams", "chunks");
	}

	private void callers(StubServer stub) {
		int[] callers = { 64, 256, 1_024 };
		double seconds = (this.sizes == Sizes.QUICK) ? 0.5 : 2;
		List<Samples> results = new ArrayList<>();
		stub.latency(Duration.ofMillis(50));
		for (int concurrency : callers) {
			System.out.println("scaling: " + concurrency + " callers …");
			ConcurrencyScenario scenario = new ConcurrencyScenario(this.sizes, concurrency, false);
			double bound = concurrency / 0.05;
			int calls = (int) (bound * seconds);
			Samples samples = new Samples();
			ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), concurrency);
			try (Contender library = new LibraryContender(settings);
					Contender baseline = new BaselineContender(settings)) {
				Samples.alternate(1, library, baseline, (contender) -> scenario.round(contender, calls));
				Samples.alternate(2, library, baseline, (contender) -> {
					ClientMeter meter = ClientMeter.start();
					ConcurrencyScenario.Round round = scenario.round(contender, calls);
					ClientMeter.Cost cost = meter.stop();
					samples.add(contender, "rate", 100 * calls / (round.wallNanos() / 1e9) / bound);
					samples.add(contender, "p99", Stats.percentileMillis(round.latencies(), 99));
					samples.add(contender, "cpu", cost.cpuNanos() / 1e3 / calls);
				});
			}
			results.add(samples);
		}
		SvgChart chart = new SvgChart("Chat with 50 ms of service time: by number of callers", labels(callers));
		panel(chart, results, "throughput (% of bound)", "rate", null);
		panel(chart, results, "p99 latency (ms)", "p99", null);
		panel(chart, results, "client CPU per call (µs)", "cpu", null);
		write(chart, "scaling-callers", "callers");
	}

	/**
	 * Run one size, or record nothing when the heap is too small for it.
	 */
	private static Samples measure(Supplier<Samples> measure) {
		try {
			return measure.get();
		}
		catch (OutOfMemoryError ex) {
			System.gc();
			System.out.println("  out of memory: no figures for this size");
			return new Samples();
		}
	}

	private static void panel(SvgChart chart, List<Samples> results, String title, String figure,
			double @Nullable [] reference) {
		SvgChart.Panel panel = chart.panel(title);
		for (String contender : CONTENDERS) {
			panel.series(contender, values(results, (samples) -> samples.median(contender, figure)));
		}
		if (reference != null) {
			panel.series("the vectors", reference);
		}
	}

	private static double[] values(List<Samples> results, ToDoubleFunction<Samples> value) {
		return results.stream().mapToDouble(value).toArray();
	}

	private static String[] labels(int[] sizes) {
		String[] labels = new String[sizes.length];
		for (int i = 0; i < sizes.length; i++) {
			labels[i] = (sizes[i] >= 1_000 && sizes[i] % 1_000 == 0) ? (sizes[i] / 1_000) + "k"
					: Integer.toString(sizes[i]);
		}
		return labels;
	}

	private void write(SvgChart chart, String name, String unit) {
		System.out.println();
		System.out.println(chart.markdown(unit));
		Path file = this.charts.resolve(name + this.suffix + ".svg");
		try {
			Files.createDirectories(this.charts);
			Files.writeString(file, chart.svg());
			System.out.println("Chart: " + file);
		}
		catch (IOException ex) {
			System.out.println("Could not write " + file + ": " + ex);
		}
	}

}
