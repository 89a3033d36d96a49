package dev.customllm.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.resilience.RetrySettings;

/**
 * Structured output against a plain chat call, one call after the other, no server
 * latency: what {@code complete(request, Summary.class)} costs the client beyond a chat
 * call whose answer the caller parses into the record with Jackson. Three variants on one
 * client: a plain chat call; the same call asking for the record's schema, its text read
 * with {@code JsonMapper.readValue} (what a user would write by hand); and the typed
 * call, which also strips fences, checks the answer against the schema and binds it.
 *
 * @author Custom LLM team
 */
final class StructuredScenario {

	private static final String NAME = "structured output, sequential, 0 ms";

	private static final String PROMPT = "Summarize the benchmark in one sentence, with keywords.";

	private static final JsonMapper PARSER = JsonMapper.builder().build();

	private final Sizes sizes;

	StructuredScenario(Sizes sizes) {
		this.sizes = sizes;
	}

	void run(StubServer stub, Report report) {
		stub.latency(Duration.ZERO);
		Samples samples = new Samples();
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(stub.baseUrl())
			.apiKey(ContenderSettings.API_KEY)
			.maxConnections(8)
			.maxIdleTime(ContenderSettings.MAX_IDLE_TIME)
			.responseTimeout(ContenderSettings.RESPONSE_TIMEOUT)
			.retry(RetrySettings.NONE)
			.build()) {
			CompletionModel model = client.completionModel(ContenderSettings.MODEL);
			CompletionRequest plain = CompletionRequest.of(PROMPT);
			CompletionRequest formatted = CompletionRequest.builder()
				.prompt(PROMPT)
				.responseFormat(ResponseFormat.of(Summary.class))
				.build();
			Variant chat = new Variant("chat", (prompt) -> model.completeAsync(plain).map(CompletionResponse::text));
			Variant parsed = new Variant("chat + readValue", (prompt) -> model.completeAsync(formatted)
				.map((response) -> PARSER.readValue(response.text(), Summary.class)));
			Variant typed = new Variant("typed", (prompt) -> model.completeAsync(plain, Summary.class));
			List<Contender> variants = List.of(chat, parsed, typed);
			Samples.alternate(this.sizes.warmupRounds(), variants,
					(variant) -> calls(variant, this.sizes.warmupCalls()));
			Samples.alternate(this.sizes.rounds(), variants, (variant) -> {
				ClientMeter meter = ClientMeter.start();
				calls(variant, this.sizes.sequentialCalls());
				ClientMeter.Cost cost = meter.stop();
				samples.add(variant, "cpu", cost.cpuNanos() / 1e3 / this.sizes.sequentialCalls());
				samples.add(variant, "alloc", cost.allocatedBytes() / 1024.0 / this.sizes.sequentialCalls());
			});
			report(report, samples, chat, parsed, typed);
		}
	}

	private static void report(Report report, Samples samples, Variant chat, Variant parsed, Variant typed) {
		report.ratio(NAME, "client CPU per call (µs): typed ÷ chat + readValue", samples.median(typed, "cpu"),
				samples.median(parsed, "cpu"), 1.10);
		report.ratio(NAME, "allocated per call (KB): typed ÷ chat + readValue", samples.median(typed, "alloc"),
				samples.median(parsed, "alloc"), 1.15);
		report.absolute(NAME, "CPU added to a plain chat call (µs): typed, chat + readValue",
				Report.format(samples.median(typed, "cpu") - samples.median(chat, "cpu")),
				Report.format(samples.median(parsed, "cpu") - samples.median(chat, "cpu")), "", null);
		report.absolute(NAME, "KB added to a plain chat call: typed, chat + readValue",
				Report.format(samples.median(typed, "alloc") - samples.median(chat, "alloc")),
				Report.format(samples.median(parsed, "alloc") - samples.median(chat, "alloc")), "", null);
		report.ratio(NAME, "client CPU per call (µs): plain chat ÷ chat + readValue", samples.median(chat, "cpu"),
				samples.median(parsed, "cpu"), null);
	}

	private static void calls(Contender variant, int calls) {
		for (int i = 0; i < calls; i++) {
			((Variant) variant).call();
		}
	}

	/**
	 * The answer the stub gives to a request with a response format.
	 *
	 * @param summary the summary
	 * @param keywords the keywords
	 */
	record Summary(String summary, List<String> keywords) {

	}

	/**
	 * One way of making the call, measured like a contender.
	 */
	private static final class Variant implements Contender {

		private final String name;

		private final Function<String, Mono<?>> call;

		Variant(String name, Function<String, Mono<?>> call) {
			this.name = name;
			this.call = call;
		}

		void call() {
			if (this.call.apply(PROMPT).block() == null) {
				throw new IllegalStateException(this.name + " completed without an answer");
			}
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Mono<String> chat(String prompt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Flux<String> stream(String prompt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<? extends List<?>> embedAll(List<String> texts) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void close() {
		}

	}

}
