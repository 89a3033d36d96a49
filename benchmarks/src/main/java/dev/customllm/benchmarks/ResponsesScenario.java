package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.List;

import dev.customllm.completion.CompletionApi;

/**
 * The Responses API beside chat completions, both on the library against the same stub,
 * no server latency: client CPU time and allocated bytes per call, then per chunk of a
 * stream of {@link StreamScenario#CHUNKS} text deltas, and the time to the first chunk.
 * The stub answers as OpenAI does on each API, so that the Responses figures include what
 * its shape costs (a larger answer, typed events, the whole text repeated at the end of a
 * stream). Informative: no target.
 *
 * @author Custom LLM team
 */
final class ResponsesScenario {

	private static final String CALLS = "responses API vs chat, sequential, 0 ms";

	private static final String STREAMS = "responses API vs chat, stream of " + StreamScenario.CHUNKS + " chunks";

	private static final String PROMPT = "Summarize the benchmark in one sentence.";

	private final Sizes sizes;

	ResponsesScenario(Sizes sizes) {
		this.sizes = sizes;
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		stub.streamChunks(StreamScenario.CHUNKS);
		Samples samples = new Samples();
		ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), 8);
		try (Contender chat = new LibraryContender(settings, CompletionApi.CHAT);
				Contender responses = new LibraryContender(settings, CompletionApi.RESPONSES)) {
			List<Contender> contenders = List.of(chat, responses);
			Samples.alternate(this.sizes.warmupRounds(), contenders, (contender) -> {
				calls(contender, this.sizes.warmupCalls());
				StreamScenario.streams(contender, this.sizes.warmupStreams(), StreamScenario.CHUNKS);
			});
			Samples.alternate(this.sizes.rounds(), contenders, (contender) -> {
				ClientMeter meter = ClientMeter.start();
				calls(contender, this.sizes.sequentialCalls());
				ClientMeter.Cost cost = meter.stop();
				samples.add(contender, "call cpu", cost.cpuNanos() / 1e3 / this.sizes.sequentialCalls());
				samples.add(contender, "call alloc", cost.allocatedBytes() / 1024.0 / this.sizes.sequentialCalls());
				meter = ClientMeter.start();
				double first = StreamScenario.streams(contender, this.sizes.streams(), StreamScenario.CHUNKS);
				cost = meter.stop();
				long chunks = (long) StreamScenario.CHUNKS * this.sizes.streams();
				samples.add(contender, "chunk cpu", cost.cpuNanos() / 1e3 / chunks);
				samples.add(contender, "chunk alloc", (double) cost.allocatedBytes() / chunks);
				samples.add(contender, "first", first);
			});
			report.ratio(CALLS, "client CPU per call (µs), responses vs chat", samples.median(responses, "call cpu"),
					samples.median(chat, "call cpu"), null);
			report.ratio(CALLS, "allocated per call (KB), responses vs chat", samples.median(responses, "call alloc"),
					samples.median(chat, "call alloc"), null);
			report.ratio(STREAMS, "client CPU per chunk (µs), responses vs chat",
					samples.median(responses, "chunk cpu"), samples.median(chat, "chunk cpu"), null);
			report.ratio(STREAMS, "allocated per chunk (bytes), responses vs chat",
					samples.median(responses, "chunk alloc"), samples.median(chat, "chunk alloc"), null);
			report.ratio(STREAMS, "time to first chunk, median (ms), responses vs chat",
					samples.median(responses, "first"), samples.median(chat, "first"), null);
		}
	}

	private static void calls(Contender contender, int calls) {
		for (int i = 0; i < calls; i++) {
			contender.chat(PROMPT).block();
		}
	}

}
