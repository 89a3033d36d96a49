package dev.customllm.sample.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.rerank.RerankModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Semantic search over the bundled {@code corpus.json} with the {@link EmbeddingModel},
 * optionally reranked by a {@link RerankModel}. The corpus is embedded once, in batches,
 * as soon as the application is ready; a search that arrives earlier waits for it. A
 * failed embedding is retried by the next search.
 *
 * @author Custom LLM team
 */
@Service
public class SearchService {

	/**
	 * Most results one search may ask for.
	 */
	public static final int MAX_RESULTS = 50;

	/**
	 * Fewest candidates found by vectors for a reranked search.
	 */
	static final int MIN_RERANK_CANDIDATES = 10;

	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private static final Log logger = LogFactory.getLog(SearchService.class);

	private final EmbeddingModel embeddingModel;

	private final RerankModel rerankModel;

	private final Mono<List<EmbeddedDocument>> index;

	public SearchService(@Qualifier("embeddings") EmbeddingModel embeddingModel,
			@Qualifier("embeddings") RerankModel rerankModel, JsonMapper jsonMapper) {
		this.embeddingModel = embeddingModel;
		this.rerankModel = rerankModel;
		List<CorpusDocument> corpus = readCorpus(new ClassPathResource("corpus.json"), jsonMapper);
		this.index = Mono.defer(() -> embed(corpus))
			.cache((documents) -> FOREVER, (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private static List<CorpusDocument> readCorpus(Resource resource, JsonMapper jsonMapper) {
		try (InputStream input = resource.getInputStream()) {
			return jsonMapper.readValue(input, new TypeReference<List<CorpusDocument>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	private Mono<List<EmbeddedDocument>> embed(List<CorpusDocument> corpus) {
		List<String> texts = corpus.stream().map(CorpusDocument::embeddingText).toList();
		return this.embeddingModel.embedAllAsync(texts).map((embeddings) -> {
			List<EmbeddedDocument> documents = new ArrayList<>(corpus.size());
			for (int i = 0; i < corpus.size(); i++) {
				documents.add(new EmbeddedDocument(corpus.get(i), embeddings.get(i)));
			}
			return List.copyOf(documents);
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void embedCorpus() {
		this.index.subscribe((documents) -> logger.info("Embedded " + documents.size() + " corpus documents"),
				(ex) -> logger.warn("Cannot embed the corpus yet, the next search retries: " + ex.getMessage()));
	}

	/**
	 * Find the documents closest in meaning to a query.
	 * @param query the query
	 * @param k how many results to return, between 1 and {@value #MAX_RESULTS}
	 * @return a {@link Mono} of the best {@code k} results, best first
	 * @throws IllegalArgumentException if the query is blank or {@code k} out of range
	 */
	public Mono<List<SearchResult>> search(@Nullable String query, int k) {
		return closest(checked(query, k), k).map((hits) -> hits.stream().map(ScoredDocument::result).toList());
	}

	/**
	 * Find the documents most relevant to a query: the closest in meaning (three times
	 * {@code k}, at least {@value #MIN_RERANK_CANDIDATES}), ordered by the reranker.
	 * @param query the query
	 * @param k how many results to return, between 1 and {@value #MAX_RESULTS}
	 * @return a {@link Mono} of the best {@code k} results, best first, scored by the
	 * reranker
	 * @throws IllegalArgumentException if the query is blank or {@code k} out of range
	 */
	public Mono<List<SearchResult>> searchReranked(@Nullable String query, int k) {
		String checked = checked(query, k);
		int candidates = Math.min(MAX_RESULTS, Math.max(3 * k, MIN_RERANK_CANDIDATES));
		return closest(checked, candidates).flatMap((hits) -> {
			List<String> texts = hits.stream().map((hit) -> hit.document().embeddingText()).toList();
			return this.rerankModel.rerankAsync(checked, texts, k)
				.map((ranked) -> ranked.stream()
					.map((document) -> hits.get(document.index()).withScore(document.score()))
					.toList());
		});
	}

	private static String checked(@Nullable String query, int k) {
		if (!StringUtils.hasText(query)) {
			throw new IllegalArgumentException("q must not be blank");
		}
		if (k < 1 || k > MAX_RESULTS) {
			throw new IllegalArgumentException("k must be between 1 and " + MAX_RESULTS + ", but was " + k);
		}
		return query;
	}

	private Mono<List<ScoredDocument>> closest(String query, int k) {
		return this.index.zipWith(this.embeddingModel.embedAsync(query))
			.map((tuple) -> rank(tuple.getT1(), tuple.getT2(), k));
	}

	private static List<ScoredDocument> rank(List<EmbeddedDocument> documents, Embedding query, int k) {
		return documents.stream()
			.map((document) -> new ScoredDocument(document.document(), document.embedding().cosineSimilarity(query)))
			.sorted(Comparator.comparingDouble(ScoredDocument::score).reversed())
			.limit(k)
			.toList();
	}

	/**
	 * A corpus document and its score against a query.
	 */
	private record ScoredDocument(CorpusDocument document, double score) {

		SearchResult result() {
			return new SearchResult(this.document.id(), this.document.title(), this.score);
		}

		SearchResult withScore(double score) {
			return new SearchResult(this.document.id(), this.document.title(), score);
		}

	}

}
