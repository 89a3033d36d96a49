package dev.customllm.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.util.retry.Retry;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;

import dev.customllm.embedding.EmbeddingModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An {@link EmbeddingModel} as a Spring AI
 * {@link org.springframework.ai.embedding.EmbeddingModel}, for Spring AI's vector stores
 * and retrieval advisors.
 * <p>
 * Texts are embedded by the client's model with its own batching, concurrency, encoding
 * and order guarantee; a {@link BatchingStrategy} a vector store passes is therefore not
 * used. The model and dimensions are the embedding model's: a request whose options ask
 * for another model or other dimensions is rejected with an
 * {@link IllegalArgumentException}. Failures are {@link dev.customllm.LlmException}s.
 * <p>
 * Spring AI takes vectors as {@code float[]}: the adapter asks the model for arrays it
 * owns ({@link EmbeddingModel#embedAllVectors(List)}) and hands each one on, so a vector
 * is not copied on its way to a vector store.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class CustomLlmEmbeddingModel implements org.springframework.ai.embedding.EmbeddingModel {

	/**
	 * Most attempts of the probe that learns the dimensions.
	 */
	static final int PROBE_ATTEMPTS = 3;

	private static final Duration PROBE_DELAY = Duration.ofMillis(500);

	private final EmbeddingModel embeddingModel;

	private volatile @Nullable Integer dimensions;

	/**
	 * Create an adapter whose {@link #dimensions()} embeds a probe text the first time it
	 * is asked.
	 * @param embeddingModel the embedding model that sends the requests
	 */
	public CustomLlmEmbeddingModel(EmbeddingModel embeddingModel) {
		this(embeddingModel, null);
	}

	/**
	 * Create an adapter.
	 * @param embeddingModel the embedding model that sends the requests
	 * @param dimensions the length of its vectors, or {@code null} to find it out with
	 * one call the first time {@link #dimensions()} is asked
	 */
	public CustomLlmEmbeddingModel(EmbeddingModel embeddingModel, @Nullable Integer dimensions) {
		if (dimensions != null && dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, but was " + dimensions);
		}
		this.embeddingModel = embeddingModel;
		this.dimensions = dimensions;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		checkOptions(request.getOptions());
		List<float[]> vectors = this.embeddingModel.embedAllVectors(request.getInstructions());
		List<Embedding> embeddings = new ArrayList<>(vectors.size());
		for (int i = 0; i < vectors.size(); i++) {
			embeddings.add(new Embedding(vectors.get(i), i));
		}
		return new EmbeddingResponse(embeddings);
	}

	@Override
	public float[] embed(String text) {
		return this.embeddingModel.embedAllVectors(List.of(text)).get(0);
	}

	@Override
	public float[] embed(Document document) {
		return embed(text(document));
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return this.embeddingModel.embedAllVectors(texts);
	}

	@Override
	public List<float[]> embed(List<Document> documents, @Nullable EmbeddingOptions options,
			BatchingStrategy batchingStrategy) {
		checkOptions(options);
		return embed(documents.stream().map(this::text).toList());
	}

	/**
	 * Return the length of the vectors: the configured dimensions, else those of a probe
	 * text embedded the first time they are asked, in up to {@value #PROBE_ATTEMPTS}
	 * attempts (each with the client's own retries). Never a guess: a vector store that
	 * created its table with a guessed size would refuse every later insert.
	 * @return the dimensions
	 * @throws IllegalStateException if the probe failed, saying to set
	 * {@code custom.llm.embedding.dimensions}
	 */
	@Override
	public int dimensions() {
		Integer known = this.dimensions;
		if (known == null) {
			known = probe();
			this.dimensions = known;
		}
		return known;
	}

	private int probe() {
		try {
			Integer probed = this.embeddingModel.embedAsync("Hello World")
				.map(dev.customllm.embedding.Embedding::dimensions)
				.retryWhen(Retry.backoff(PROBE_ATTEMPTS - 1, PROBE_DELAY).filter(CustomLlmEmbeddingModel::mayPass))
				.block();
			return Objects.requireNonNull(probed, "an embedding has dimensions");
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.isRetryExhausted(ex) ? ex.getCause() : ex;
			throw new IllegalStateException("The dimensions of the embedding model could not be learned by embedding a"
					+ " probe text (" + cause + "). Set custom.llm.embedding.dimensions (or custom.llm.clients.<name>"
					+ ".embedding.dimensions) to the length of its vectors, so that no vector store has to guess it.",
					cause);
		}
	}

	/**
	 * Whether a failed probe may pass when tried again: not when the service refused the
	 * request as such (a wrong model, a key refused).
	 */
	private static boolean mayPass(Throwable failure) {
		if (failure instanceof LlmApiException api) {
			return api.status() >= 500 || api.status() == 408 || api.status() == 429;
		}
		return failure instanceof LlmException;
	}

	private String text(Document document) {
		String text = getEmbeddingContent(document);
		if (text == null) {
			throw new IllegalArgumentException(
					"Document " + document.getId() + " has no text; embedding images and other media is not supported");
		}
		return text;
	}

	private void checkOptions(@Nullable EmbeddingOptions options) {
		if (options == null) {
			return;
		}
		if (options.getModel() != null) {
			throw new IllegalArgumentException("Embedding options may not choose a model (" + options.getModel()
					+ "): the model is the embedding model's own; use CustomLlmClient.embeddingModel(name)");
		}
		Integer asked = options.getDimensions();
		if (asked != null && !asked.equals(this.dimensions)) {
			throw new IllegalArgumentException("Embedding options may not choose dimensions (" + asked
					+ "): they are the embedding model's own (custom.llm.embedding.dimensions)");
		}
	}

}
