package dev.customllm.internal.rerank;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.telemetry.LlmTelemetry;
import dev.customllm.observation.LlmObservationContext;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankDefaults;
import dev.customllm.rerank.RerankModel;

/**
 * {@link RerankModel} on {@code POST /rerank} (the Jina/Cohere shape that vLLM and
 * llama.cpp serve): one request per batch of documents, batches in flight at once up to a
 * limit, results merged by score.
 *
 * @author Custom LLM team
 */
public final class OpenAiRerankModel implements RerankModel {

	private static final Comparator<RankedDocument> BY_RELEVANCE = Comparator.comparingDouble(RankedDocument::score)
		.reversed()
		.thenComparingInt(RankedDocument::index);

	private final HttpTransport transport;

	private final LlmTelemetry telemetry;

	private final RerankDefaults defaults;

	private final URI uri;

	/**
	 * Create a new instance.
	 * @param transport the transport of the client
	 * @param telemetry the observations and meters of the client
	 * @param defaults how to call the service
	 */
	public OpenAiRerankModel(HttpTransport transport, LlmTelemetry telemetry, RerankDefaults defaults) {
		this.transport = transport;
		this.telemetry = telemetry;
		this.defaults = defaults;
		this.uri = transport.endpoint(defaults.path());
	}

	@Override
	public Mono<List<RankedDocument>> rerankAsync(String query, List<String> documents, int topN) {
		return Mono.fromCallable(() -> checkDocuments(query, documents, topN))
			.flatMap((checked) -> rerankChecked(query, checked, Math.min(topN, checked.size())));
	}

	private Mono<List<RankedDocument>> rerankChecked(String query, List<String> documents, int topN) {
		int batchSize = this.defaults.batchSize();
		int batches = (documents.size() + batchSize - 1) / batchSize;
		return Flux.range(0, batches).flatMap((batch) -> {
			int offset = batch * batchSize;
			List<String> slice = documents.subList(offset, Math.min(documents.size(), offset + batchSize));
			int expected = Math.min(topN, slice.size());
			return send(query, slice, expected).map((answer) -> RerankReader.read(answer, offset, slice, expected));
		}, this.defaults.maxConcurrency()).collectList().map((results) -> merge(results, topN));
	}

	private Mono<RerankResult> send(String query, List<String> documents, int topN) {
		RerankBody body = new RerankBody(this.defaults.model(), query, documents, topN, false);
		LlmTelemetry.Call call = new LlmTelemetry.Call(LlmOperation.RERANK, this.defaults.model(), () -> query);
		Mono<RerankResult> answer = Mono.fromCallable(() -> LlmJson.write(body))
			.flatMap((bytes) -> this.transport.post(LlmOperation.RERANK, this.uri, bytes, RerankResult.class));
		return this.telemetry.observe(call, answer, OpenAiRerankModel::observed);
	}

	private static void observed(LlmObservationContext context, RerankResult answer) {
		context.setResponseModel(answer.model());
		Long tokens = answer.usedTokens();
		if (tokens != null) {
			context.setTokens(Math.toIntExact(tokens), null);
		}
	}

	private static List<RankedDocument> merge(List<List<RankedDocument>> batches, int topN) {
		List<RankedDocument> all = new ArrayList<>();
		batches.forEach(all::addAll);
		all.sort(BY_RELEVANCE);
		return List.copyOf(all.subList(0, Math.min(topN, all.size())));
	}

	private static List<String> checkDocuments(String query, List<String> documents, int topN) {
		if (query == null || query.isBlank()) {
			throw new IllegalArgumentException("query must not be blank");
		}
		if (documents == null || documents.isEmpty()) {
			throw new IllegalArgumentException("documents must not be empty");
		}
		for (int i = 0; i < documents.size(); i++) {
			String document = documents.get(i);
			if (document == null || document.isBlank()) {
				throw new IllegalArgumentException("documents[" + i + "] must not be blank");
			}
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be at least 1, but was " + topN);
		}
		return List.copyOf(documents);
	}

	@Override
	public String toString() {
		return "OpenAiRerankModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
