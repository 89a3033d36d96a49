package dev.customllm.sample.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.customllm.embedding.Embedding;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.test.SimulatedEmbeddings;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SearchService}.
 *
 * @author Custom LLM team
 */
class SearchServiceTests {

	private final AtomicInteger corpusCalls = new AtomicInteger();

	private final AtomicInteger queryCalls = new AtomicInteger();

	private final List<List<String>> reranked = new ArrayList<>();

	private final SearchService service = new SearchService(this::embedAll, this::rerank, JsonMapper.shared());

	@Test
	void embedsCorpusOnceForConcurrentSearchesBeforeReady() {
		List<List<SearchResult>> results = Flux.range(0, 8)
			.flatMap((i) -> this.service.search("Kubernetes orchestrates containers", 2))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(results).hasSize(8).allSatisfy((hits) -> {
			assertThat(hits).hasSize(2);
			assertThat(hits.get(0).id()).isEqualTo("kubernetes");
		});
		this.service.embedCorpus();
		assertThat(this.corpusCalls).hasValue(1);
		assertThat(this.queryCalls).hasValue(8);
	}

	@Test
	void retriesCorpusEmbeddingAfterFailure() {
		AtomicInteger failures = new AtomicInteger();
		SearchService flaky = new SearchService(
				(texts) -> (texts.size() > 1 && failures.getAndIncrement() == 0)
						? Mono.error(new IllegalStateException("service down")) : embedAll(texts),
				this::rerank, JsonMapper.shared());
		flaky.embedCorpus();
		assertThat(failures).hasValue(1);
		assertThat(flaky.search("sourdough bread", 1).block()).extracting(SearchResult::id)
			.containsExactly("sourdough");
		assertThat(this.corpusCalls).hasValue(1);
	}

	@Test
	void reranksTheClosestCandidatesAndKeepsTheBest() {
		List<SearchResult> vectors = this.service.search("Kubernetes orchestrates containers", 10).block();
		List<SearchResult> results = this.service.searchReranked("Kubernetes orchestrates containers", 2).block();
		assertThat(this.reranked).singleElement().satisfies((documents) -> assertThat(documents).hasSize(10));
		assertThat(this.reranked.get(0).get(0)).startsWith(vectors.get(0).title());
		// the fake reranker prefers the candidate found last, and scores by position
		assertThat(results).extracting(SearchResult::id).containsExactly(vectors.get(9).id(), vectors.get(8).id());
		assertThat(results).extracting(SearchResult::score).containsExactly(9.0, 8.0);
		assertThat(this.service.searchReranked("Kubernetes", 20).block()).hasSize(20);
		assertThat(this.reranked.get(1)).hasSize(50);
	}

	@Test
	void rejectsInvalidInputWithoutCallingModel() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.search(" ", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.search(null, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.search("java", 0))
			.withMessage("k must be between 1 and 50, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.search("java", 51));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.searchReranked(" ", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.searchReranked("java", 0));
		assertThat(this.reranked).isEmpty();
		assertThat(this.corpusCalls).hasValue(0);
		assertThat(this.queryCalls).hasValue(0);
	}

	private Mono<List<RankedDocument>> rerank(String query, List<String> documents, int topN) {
		this.reranked.add(documents);
		List<RankedDocument> ranked = new ArrayList<>();
		for (int i = documents.size() - 1; i >= 0 && ranked.size() < topN; i--) {
			ranked.add(new RankedDocument(i, i, documents.get(i)));
		}
		return Mono.just(ranked);
	}

	private Mono<List<Embedding>> embedAll(List<String> texts) {
		return Mono.fromSupplier(() -> {
			(texts.size() > 1 ? this.corpusCalls : this.queryCalls).incrementAndGet();
			return texts.stream().map((text) -> new Embedding(0, SimulatedEmbeddings.embed(text, 256))).toList();
		});
	}

}
