package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streamed chat answers of many chunks, one stream at a time, no server latency: CPU time
 * and allocated bytes per chunk, and time to the first chunk of text.
 *
 * @author Custom LLM team
 */
final class StreamScenario {

	static final int CHUNKS = 500;

	private static final String PROMPT = "Tell a long story.";

	private final Sizes sizes;

	StreamScenario(Sizes sizes) {
		this.sizes = sizes;
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		stub.streamChunks(CHUNKS);
		Samples samples = new Samples();
		ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), 8);
		try (Contender library = new LibraryContender(settings);
				Contender baseline = new BaselineContender(settings);
				Contender webClient = new WebClientContender(settings);
				Contender libraryOverWebClient = LibraryOverWebClient.create(settings)) {
			List<Contender> contenders = List.of(library, baseline, webClient, libraryOverWebClient);
			Samples.alternate(this.sizes.warmupRounds(), contenders,
					(contender) -> streams(contender, this.sizes.warmupStreams()));
			Samples.alternate(this.sizes.rounds(), contenders, (contender) -> {
				ClientMeter meter = ClientMeter.start();
				double firstChunk = streams(contender, this.sizes.streams());
				ClientMeter.Cost cost = meter.stop();
				long chunks = (long) CHUNKS * this.sizes.streams();
				samples.add(contender, "cpu", cost.cpuNanos() / 1e3 / chunks);
				samples.add(contender, "alloc", (double) cost.allocatedBytes() / chunks);
				samples.add(contender, "first", firstChunk);
			});
			report(report, samples, library, baseline);
			informative(report, samples, webClient, baseline, "WebClient alone");
			informative(report, samples, libraryOverWebClient, baseline, "library over WebClient");
		}
	}

	private void report(Report report, Samples samples, Contender library, Contender baseline) {
		String name = "stream of " + CHUNKS + " chunks";
		report.ratio(name, "client CPU per chunk (µs)", samples.median(library, "cpu"), samples.median(baseline, "cpu"),
				1.15);
		double allocated = samples.median(library, "alloc");
		report.absolute(name, "allocated per chunk (bytes)", Report.format(allocated),
				Report.format(samples.median(baseline, "alloc")), "≤ 2048 bytes", allocated <= 2048);
		double first = samples.median(library, "first");
		double firstBaseline = samples.median(baseline, "first");
		report.absolute(name, "time to first chunk, median (ms)", Report.format(first), Report.format(firstBaseline),
				"≤ baseline + 0.3 ms", first - firstBaseline <= 0.3);
	}

	private static void informative(Report report, Samples samples, Contender contender, Contender baseline,
			String label) {
		String name = "stream of " + CHUNKS + " chunks";
		report.ratio(name, "client CPU per chunk (µs), " + label, samples.median(contender, "cpu"),
				samples.median(baseline, "cpu"), null);
		report.ratio(name, "allocated per chunk (bytes), " + label, samples.median(contender, "alloc"),
				samples.median(baseline, "alloc"), null);
		report.ratio(name, "time to first chunk, median (ms), " + label, samples.median(contender, "first"),
				samples.median(baseline, "first"), null);
	}

	/**
	 * Read streams one after the other.
	 * @return the median time to the first chunk of text, in milliseconds
	 */
	private static double streams(Contender contender, int streams) {
		return streams(contender, streams, CHUNKS);
	}

	/**
	 * Read streams of a number of chunks one after the other.
	 * @return the median time to the first chunk of text, in milliseconds
	 */
	static double streams(Contender contender, int streams, int chunks) {
		List<Double> firstChunks = new ArrayList<>(streams);
		for (int i = 0; i < streams; i++) {
			long start = System.nanoTime();
			long[] first = { -1 };
			Long count = contender.stream(PROMPT).doOnNext((text) -> {
				if (first[0] < 0) {
					first[0] = System.nanoTime() - start;
				}
			}).count().block();
			if (count == null || count < chunks) {
				throw new IllegalStateException(contender.name() + " streamed " + count + " chunks");
			}
			firstChunks.add(first[0] / 1e6);
		}
		return Stats.median(firstChunks);
	}

}
