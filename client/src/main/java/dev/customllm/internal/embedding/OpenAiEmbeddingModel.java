package dev.customllm.internal.embedding;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.embedding.EncodingFormat;
import java.net.URI;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.observation.LlmObservationContext;
import dev.customllm.internal.telemetry.LlmTelemetry;

/**
 * {@link EmbeddingModel} on {@code POST /embeddings}: one request per batch of texts,
 * with batches in flight at once up to a limit, results ordered by each item's index.
 *
 * @author Custom LLM team
 */
public final class OpenAiEmbeddingModel implements EmbeddingModel {

	private final HttpTransport transport;

	private final LlmTelemetry telemetry;

	private final EmbeddingDefaults defaults;

	private final EncodingNegotiation encoding;

	private final URI uri;

	/**
	 * Create a new instance.
	 * @param transport the transport of the client
	 * @param telemetry the observations and meters of the client
	 * @param defaults how to call the service
	 * @param encoding the client's memory of refused encodings
	 */
	public OpenAiEmbeddingModel(HttpTransport transport, LlmTelemetry telemetry, EmbeddingDefaults defaults,
			EncodingNegotiation encoding) {
		this.transport = transport;
		this.telemetry = telemetry;
		this.defaults = defaults;
		this.encoding = encoding;
		this.uri = transport.endpoint(defaults.path());
	}

	@Override
	public Mono<List<Embedding>> embedAllAsync(List<String> texts) {
		return vectorsAsync(texts).map(OpenAiEmbeddingModel::embeddings);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The arrays are the ones the answer was parsed into, handed over once: no
	 * {@link Embedding} keeps them, and no copy is made.
	 */
	@Override
	public Mono<List<float[]>> embedAllVectorsAsync(List<String> texts) {
		return vectorsAsync(texts).map((vectors) -> List.<float[]>of(vectors));
	}

	private Mono<float[][]> vectorsAsync(List<String> texts) {
		return Mono.fromCallable(() -> checkTexts(texts)).flatMap(this::embedChecked);
	}

	private static List<Embedding> embeddings(float[][] vectors) {
		Embedding[] embeddings = new Embedding[vectors.length];
		for (int i = 0; i < vectors.length; i++) {
			embeddings[i] = Embedding.wrap(i, vectors[i]);
		}
		return List.of(embeddings);
	}

	private Mono<float[][]> embedChecked(List<String> texts) {
		float[][] result = new float[texts.size()][];
		int batchSize = this.defaults.batchSize();
		int batches = (texts.size() + batchSize - 1) / batchSize;
		return Flux.range(0, batches).flatMap((batch) -> {
			int offset = batch * batchSize;
			List<String> input = texts.subList(offset, Math.min(texts.size(), offset + batchSize));
			return embedBatch(input).doOnNext((answer) -> readBatch(result, offset, input.size(), answer));
		}, this.defaults.maxConcurrency()).then(Mono.fromCallable(() -> checkSameDimensions(result)));
	}

	private Mono<EmbeddingResult> embedBatch(List<String> input) {
		EncodingFormat format = this.encoding.choose(this.defaults.encodingFormat());
		return send(input, format).onErrorResume(
				(failure) -> this.encoding.refusedBase64(failure, format, this.defaults.model()),
				(failure) -> send(input, EncodingFormat.FLOAT));
	}

	private Mono<EmbeddingResult> send(List<String> input, EncodingFormat format) {
		Integer dimensions = this.defaults.requestDimensions() ? this.defaults.dimensions() : null;
		EmbeddingBody body = new EmbeddingBody(this.defaults.model(), input, format.value(), dimensions);
		this.telemetry.meters().recordBatchSize(this.defaults.model(), input.size());
		LlmTelemetry.Call call = new LlmTelemetry.Call(LlmOperation.EMBEDDINGS, this.defaults.model(),
				() -> String.join("\n", input));
		Mono<EmbeddingResult> answer = Mono.fromCallable(() -> LlmJson.write(body))
			.flatMap((bytes) -> this.transport.post(LlmOperation.EMBEDDINGS, this.uri, bytes,
					() -> new EmbeddingAnswerParser(LlmJson.mapper())));
		return this.telemetry.observe(call, answer, OpenAiEmbeddingModel::observed);
	}

	private static void observed(LlmObservationContext context, EmbeddingResult answer) {
		context.setResponseModel(answer.model());
		if (answer.usage() != null && answer.usage().promptTokens() != null) {
			context.setTokens(answer.usage().promptTokens(), null);
		}
	}

	private void readBatch(float[][] result, int offset, int size, EmbeddingResult answer) {
		BatchReader.read(result, offset, size, answer, this.defaults.dimensions());
	}

	private static List<String> checkTexts(List<String> texts) {
		if (texts == null || texts.isEmpty()) {
			throw new IllegalArgumentException("texts must not be empty");
		}
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			if (text == null || text.isBlank()) {
				throw new IllegalArgumentException("texts[" + i + "] must not be blank");
			}
		}
		return List.copyOf(texts);
	}

	private static float[][] checkSameDimensions(float[][] result) {
		int dimensions = result[0].length;
		for (int i = 0; i < result.length; i++) {
			if (result[i].length != dimensions) {
				throw new LlmResponseException(LlmOperation.EMBEDDINGS,
						"embedding " + i + " has " + result[i].length + " dimensions, embedding 0 has " + dimensions);
			}
		}
		return result;
	}

	/**
	 * Return how the model calls the service, such as its model name and dimensions.
	 * @return the defaults
	 */
	public EmbeddingDefaults defaults() {
		return this.defaults;
	}

	@Override
	public String toString() {
		return "OpenAiEmbeddingModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
