package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * Chat calls one after the other, no server latency: what one call costs the client in
 * CPU time and allocated bytes.
 *
 * @author Custom LLM team
 */
final class SequentialChatScenario {

	private static final String NAME = "chat, sequential, 0 ms";

	private static final String PROMPT = "Summarize the benchmark in one sentence.";

	private final Sizes sizes;

	SequentialChatScenario(Sizes sizes) {
		this.sizes = sizes;
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		Samples samples = new Samples();
		ContenderSettings settings = ContenderSettings.chat(stub.baseUrl(), 8);
		try (Contender library = new LibraryContender(settings);
				Contender baseline = new BaselineContender(settings);
				Contender webClient = new WebClientContender(settings);
				Contender chatModel = new SpringAiContender(settings, false);
				Contender chatClient = new SpringAiContender(settings, true);
				Contender libraryOverWebClient = LibraryOverWebClient.create(settings);
				Contender routed = new RoutedContender(settings);
				Contender observed = LibraryContender.observed(settings);
				Contender limited = LibraryContender.limited(settings)) {
			List<Contender> contenders = List.of(library, baseline, webClient, libraryOverWebClient, chatModel,
					chatClient, routed, observed, limited);
			Samples.alternate(this.sizes.warmupRounds(), contenders,
					(contender) -> calls(contender, this.sizes.warmupCalls()));
			Samples.alternate(this.sizes.rounds(), contenders, (contender) -> {
				ClientMeter meter = ClientMeter.start();
				calls(contender, this.sizes.sequentialCalls());
				ClientMeter.Cost cost = meter.stop();
				samples.add(contender, "cpu", cost.cpuNanos() / 1e3 / this.sizes.sequentialCalls());
				samples.add(contender, "alloc", cost.allocatedBytes() / 1024.0 / this.sizes.sequentialCalls());
			});
			report.ratio(NAME, "client CPU per call (µs)", samples.median(library, "cpu"),
					samples.median(baseline, "cpu"), 1.3);
			report.ratio(NAME, "allocated per call (KB)", samples.median(library, "alloc"),
					samples.median(baseline, "alloc"), 2.0);
			report.ratio(NAME, "client CPU per call (µs), WebClient alone", samples.median(webClient, "cpu"),
					samples.median(baseline, "cpu"), null);
			report.ratio(NAME, "allocated per call (KB), WebClient alone", samples.median(webClient, "alloc"),
					samples.median(baseline, "alloc"), null);
			report.ratio(NAME, "client CPU per call (µs), library over WebClient",
					samples.median(libraryOverWebClient, "cpu"), samples.median(baseline, "cpu"), null);
			report.ratio(NAME, "allocated per call (KB), library over WebClient",
					samples.median(libraryOverWebClient, "alloc"), samples.median(baseline, "alloc"), null);
			report.ratio(NAME, "client CPU per call (µs), routed (one healthy deployment) to the library",
					samples.median(routed, "cpu"), samples.median(library, "cpu"), 1.03);
			report.ratio(NAME, "allocated per call (KB), routed (one healthy deployment) to the library",
					samples.median(routed, "alloc"), samples.median(library, "alloc"), null);
			for (Contender variant : List.of(observed, limited)) {
				report.ratio(NAME, "client CPU per call (µs), " + variant.name() + " to the library",
						samples.median(variant, "cpu"), samples.median(library, "cpu"), null);
				report.ratio(NAME, "allocated per call (KB), " + variant.name() + " to the library",
						samples.median(variant, "alloc"), samples.median(library, "alloc"), null);
			}
			for (Contender springAi : List.of(chatModel, chatClient)) {
				String label = (springAi == chatModel) ? "Spring AI ChatModel on the library"
						: "Spring AI ChatClient on the library";
				report.ratio(NAME, "client CPU per call (µs), " + label, samples.median(springAi, "cpu"),
						samples.median(baseline, "cpu"), null);
				report.ratio(NAME, "allocated per call (KB), " + label, samples.median(springAi, "alloc"),
						samples.median(baseline, "alloc"), null);
			}
		}
	}

	private static void calls(Contender contender, int calls) {
		for (int i = 0; i < calls; i++) {
			contender.chat(PROMPT).block();
		}
	}

}
