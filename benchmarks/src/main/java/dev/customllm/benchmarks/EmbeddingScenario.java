package dev.customllm.benchmarks;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.customllm.embedding.Embedding;
import org.jspecify.annotations.Nullable;

/**
 * Many texts embedded in one call, in batches with several in flight, as float arrays or
 * base64: wall time, requests sent, client CPU and allocated bytes in timed rounds, and
 * peak growth of the live heap in a round of its own ({@link HeapWatch}). Every value of
 * every vector is read back after the call, as a user does: the baseline from its
 * {@code float[]}s, the library through {@link Embedding#asBuffer()}; beside them, in
 * base64, the library read through {@link Embedding#vector()} (a copy per vector) and
 * Spring AI's {@code EmbeddingModel.embed(List)} over the library ({@code float[]}s).
 *
 * @author Custom LLM team
 */
final class EmbeddingScenario {

	static final int DIMENSIONS = 1536;

	/**
	 * The library read through {@link Embedding#vector()}, a copy per vector.
	 */
	static final String COPYING = "library-vector-copy";

	private final Sizes sizes;

	private final List<String> texts;

	private final int rounds;

	EmbeddingScenario(Sizes sizes) {
		this(sizes, sizes.texts(), sizes.embeddingRounds());
	}

	/**
	 * Create a scenario of a number of texts.
	 * @param sizes how much to run
	 * @param texts the number of texts per call
	 * @param rounds the measured rounds of the base64 encoding (a third of them in float)
	 */
	EmbeddingScenario(Sizes sizes, int texts, int rounds) {
		this.sizes = sizes;
		this.rounds = rounds;
		this.texts = IntStream.range(0, texts)
			.mapToObj((i) -> "Text number " + i + " of the corpus, a sentence of about twelve tokens.")
			.toList();
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		stub.dimensions(DIMENSIONS);
		Samples base64 = measure(stub, true);
		Samples floats = measure(stub, false);
		report(report, base64, "base64", 1.1);
		others(report, base64);
		report(report, floats, "float", null);
		String name = name("base64");
		double speedup = floats.median("library", "wall") / base64.median("library", "wall");
		double speedupBaseline = floats.median("baseline", "wall") / base64.median("baseline", "wall");
		report.absolute(name, "speed-up over float JSON (wall)", Report.format(speedup) + "×",
				Report.format(speedupBaseline) + "×", "≥ 2.5×", speedup >= 2.5);
		double vectors = this.texts.size() * (double) DIMENSIONS * Float.BYTES / 1e6;
		double heap = base64.median("library", "heap");
		report.absolute(name, "peak live heap growth (MB; the vectors: " + Report.format(vectors) + " MB)",
				Report.format(heap), Report.format(base64.median("baseline", "heap")),
				"≤ " + Report.format(2 * vectors) + " MB", heap <= 2 * vectors);
	}

	/**
	 * Run the base64 encoding alone, for a call too large to run in float JSON often: the
	 * figures against the floor, and the other ways to read.
	 * @param stub the stub
	 * @param report the report
	 */
	void runBase64(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		stub.dimensions(DIMENSIONS);
		Samples base64 = measure(stub, true);
		report(report, base64, "base64", null);
		others(report, base64);
	}

	private String name(String format) {
		return "embeddings " + this.texts.size() + " × " + DIMENSIONS + ", " + format;
	}

	Samples measure(StubServer stub, boolean base64) {
		return measure(stub, base64, base64);
	}

	/**
	 * Measure the library and the baseline, and the other readers when asked.
	 */
	Samples measure(StubServer stub, boolean base64, boolean others) {
		stub.prepareEmbeddings(256, base64);
		stub.prepareEmbeddings(this.texts.size() % 256, base64);
		Samples samples = new Samples();
		ContenderSettings settings = ContenderSettings.embeddings(stub.baseUrl(), DIMENSIONS, base64);
		try (Contender library = new LibraryContender(settings);
				Contender baseline = new BaselineContender(settings);
				Contender copying = new LibraryContender(COPYING, settings);
				Contender springAi = new SpringAiEmbeddingContender(settings)) {
			List<Contender> contenders = others ? List.of(library, baseline, copying, springAi)
					: List.of(library, baseline);
			// one warm-up round for a call of 100,000 texts: it runs long enough to
			// compile
			int warmups = (this.texts.size() > 10_000) ? 1 : this.sizes.warmupRounds();
			Samples.alternate(warmups, contenders,
					(contender) -> read(contender, contender.embedAll(this.texts).block()));
			agree(library, baseline);
			int rounds = base64 ? 3 * this.rounds : this.rounds;
			Samples.alternate(rounds, contenders, (contender) -> timed(stub, contender, samples));
			Samples.alternate(1, contenders, (contender) -> heap(contender, samples));
		}
		return samples;
	}

	/**
	 * Read every value of every vector, as a user does, and return their sum.
	 */
	private static double read(Contender contender, @Nullable List<?> vectors) {
		double sum = 0;
		if (vectors == null) {
			return sum;
		}
		boolean copy = contender.name().equals(COPYING);
		for (Object vector : vectors) {
			if (vector instanceof float[] array) {
				for (float value : array) {
					sum += value;
				}
			}
			else if (copy) {
				for (float value : ((Embedding) vector).vector()) {
					sum += value;
				}
			}
			else {
				FloatBuffer view = ((Embedding) vector).asBuffer();
				for (int i = 0; i < view.limit(); i++) {
					sum += view.get(i);
				}
			}
		}
		return sum;
	}

	private void timed(StubServer stub, Contender contender, Samples samples) {
		System.gc();
		long requests = stub.embeddingRequests();
		ClientMeter meter = ClientMeter.start();
		long start = System.nanoTime();
		List<?> vectors = contender.embedAll(this.texts).block();
		double sum = read(contender, vectors);
		long wall = System.nanoTime() - start;
		ClientMeter.Cost cost = meter.stop();
		check(contender, vectors);
		check(contender, sum);
		samples.add(contender, "wall", wall / 1e6);
		samples.add(contender, "requests", stub.embeddingRequests() - requests);
		samples.add(contender, "cpu", cost.cpuNanos() / 1e6);
		samples.add(contender, "alloc", cost.allocatedBytes() / 1e6);
	}

	private void heap(Contender contender, Samples samples) {
		HeapWatch watch = HeapWatch.start();
		List<?> vectors = contender.embedAll(this.texts).block();
		check(contender, read(contender, vectors));
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

	private static void check(Contender contender, double sum) {
		if (Double.isNaN(sum)) {
			throw new IllegalStateException(contender.name() + " read a vector that is not a number");
		}
	}

	private void check(Contender contender, @Nullable List<?> vectors) {
		if (vectors == null || vectors.size() != this.texts.size()) {
			throw new IllegalStateException(contender.name() + " returned the wrong number of vectors");
		}
	}

	private void others(Report report, Samples samples) {
		String name = name("base64");
		for (String other : List.of(COPYING, "spring-ai-embedding-model")) {
			report.ratio(name, "allocated (MB), " + other, samples.median(other, "alloc"),
					samples.median("baseline", "alloc"), null);
			report.ratio(name, "peak live heap growth (MB), " + other, samples.median(other, "heap"),
					samples.median("baseline", "heap"), null);
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
				1.1);
		report.ratio(name, "peak live heap growth (MB)", samples.median("library", "heap"),
				samples.median("baseline", "heap"), 1.2);
	}

}
