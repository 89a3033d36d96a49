package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.customllm.embedding.Embedding;
import org.jspecify.annotations.Nullable;

/**
 * Many texts embedded in one call, in batches with several in flight, as float arrays or
 * base64: wall time, requests sent, client CPU and allocated bytes in timed rounds, and
 * peak growth of the live heap in a round of its own ({@link HeapWatch}).
 *
 * @author Custom LLM team
 */
final class EmbeddingScenario {

	static final int DIMENSIONS = 1536;

	private final Sizes sizes;

	private final List<String> texts;

	EmbeddingScenario(Sizes sizes) {
		this.sizes = sizes;
		this.texts = IntStream.range(0, sizes.texts())
			.mapToObj((i) -> "Text number " + i + " of the corpus, a sentence of about twelve tokens.")
			.toList();
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		stub.dimensions(DIMENSIONS);
		Samples base64 = measure(stub, true);
		Samples floats = measure(stub, false);
		report(report, base64, "base64", 1.1);
		report(report, floats, "float", null);
		String name = name("base64");
		double speedup = floats.median("library", "wall") / base64.median("library", "wall");
		double speedupBaseline = floats.median("baseline", "wall") / base64.median("baseline", "wall");
		report.absolute(name, "speed-up over float JSON (wall)", Report.format(speedup) + "×",
				Report.format(speedupBaseline) + "×", "≥ 2.5×", speedup >= 2.5);
		double vectors = this.sizes.texts() * (double) DIMENSIONS * Float.BYTES / 1e6;
		double heap = base64.median("library", "heap");
		report.absolute(name, "peak live heap growth (MB; the vectors: " + Report.format(vectors) + " MB)",
				Report.format(heap), Report.format(base64.median("baseline", "heap")),
				"≤ " + Report.format(2 * vectors) + " MB", heap <= 2 * vectors);
	}

	private String name(String format) {
		return "embeddings " + this.sizes.texts() + " × " + DIMENSIONS + ", " + format;
	}

	Samples measure(StubServer stub, boolean base64) {
		stub.prepareEmbeddings(256, base64);
		stub.prepareEmbeddings(this.sizes.texts() % 256, base64);
		Samples samples = new Samples();
		ContenderSettings settings = ContenderSettings.embeddings(stub.baseUrl(), DIMENSIONS, base64);
		try (Contender library = new LibraryContender(settings); Contender baseline = new BaselineContender(settings)) {
			Samples.alternate(this.sizes.warmupRounds(), library, baseline,
					(contender) -> contender.embedAll(this.texts).block());
			agree(library, baseline);
			int rounds = base64 ? 3 * this.sizes.embeddingRounds() : this.sizes.embeddingRounds();
			Samples.alternate(rounds, library, baseline, (contender) -> timed(stub, contender, samples));
			Samples.alternate(1, library, baseline, (contender) -> heap(contender, samples));
		}
		return samples;
	}

	private void timed(StubServer stub, Contender contender, Samples samples) {
		System.gc();
		long requests = stub.embeddingRequests();
		ClientMeter meter = ClientMeter.start();
		long start = System.nanoTime();
		List<?> vectors = contender.embedAll(this.texts).block();
		long wall = System.nanoTime() - start;
		ClientMeter.Cost cost = meter.stop();
		check(contender, vectors);
		samples.add(contender, "wall", wall / 1e6);
		samples.add(contender, "requests", stub.embeddingRequests() - requests);
		samples.add(contender, "cpu", cost.cpuNanos() / 1e6);
		samples.add(contender, "alloc", cost.allocatedBytes() / 1e6);
	}

	private void heap(Contender contender, Samples samples) {
		HeapWatch watch = HeapWatch.start();
		List<?> vectors = contender.embedAll(this.texts).block();
		check(contender, vectors);
		watch.stop(vectors);
		vectors = null;
		samples.add(contender, "heap", watch.growth() / 1e6);
	}

	/**
	 * Check that both contenders read the same vectors, so that the floor cuts no corner
	 * (up to 10,000 texts: two copies of more may not fit a 2 GB heap).
	 */
	private void agree(Contender library, Contender baseline) {
		if (Samples.onlyContender != null || this.texts.size() > 10_000) {
			return;
		}
		List<?> expected = library.embedAll(this.texts).block();
		List<?> actual = baseline.embedAll(this.texts).block();
		check(library, expected);
		check(baseline, actual);
		for (int i = 0; i < this.texts.size(); i++) {
			if (!Arrays.equals(floats(expected.get(i)), floats(actual.get(i)))) {
				throw new IllegalStateException("the contenders disagree on vector " + i);
			}
		}
	}

	private static float[] floats(Object vector) {
		return (vector instanceof Embedding embedding) ? embedding.vector() : (float[]) vector;
	}

	private void check(Contender contender, @Nullable List<?> vectors) {
		if (vectors == null || vectors.size() != this.texts.size()) {
			throw new IllegalStateException(contender.name() + " returned the wrong number of vectors");
		}
	}

	private void report(Report report, Samples samples, String format, @Nullable Double maxWallRatio) {
		String name = name(format);
		report.ratio(name, "wall time (ms)", samples.median("library", "wall"), samples.median("baseline", "wall"),
				maxWallRatio);
		report.ratio(name, "requests sent", samples.median("library", "requests"),
				samples.median("baseline", "requests"), null);
		report.ratio(name, "client CPU (ms)", samples.median("library", "cpu"), samples.median("baseline", "cpu"),
				null);
		report.ratio(name, "allocated (MB)", samples.median("library", "alloc"), samples.median("baseline", "alloc"),
				null);
		if (maxWallRatio == null) {
			report.ratio(name, "peak live heap growth (MB)", samples.median("library", "heap"),
					samples.median("baseline", "heap"), null);
		}
	}

}
