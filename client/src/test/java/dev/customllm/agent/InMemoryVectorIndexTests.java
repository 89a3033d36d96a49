package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryVectorIndex}.
 *
 * @author Custom LLM team
 */
class InMemoryVectorIndexTests {

	static final Map<String, float[]> VECTORS = Map.of("north", new float[] { 0, 1 }, "east", new float[] { 1, 0 },
			"north-east", new float[] { 1, 1 }, "mostly north", new float[] { 0.2f, 1 });

	private final List<List<String>> batches = new ArrayList<>();

	private final InMemoryVectorIndex index = new InMemoryVectorIndex(fakeModel(this.batches));

	@Test
	void embedsDocumentsInOneBatchAndRanksByCosineSimilarity() {
		this.index
			.add(List.of(new Document("n", "north"), new Document("e", "east"), new Document("ne", "north-east")));
		assertThat(this.batches).containsExactly(List.of("north", "east", "north-east"));
		assertThat(this.index.search("mostly north", 2)).extracting((found) -> found.document().id())
			.containsExactly("n", "ne");
		assertThat(this.index.search("north", 5)).hasSize(3)
			.first()
			.satisfies((found) -> assertThat(found.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
	}

	@Test
	void replacesADocumentWithTheSameId() {
		this.index.add(new Document("d", "north"));
		this.index.add(new Document("d", "east"));
		assertThat(this.index.size()).isOne();
		assertThat(this.index.search("east", 1).get(0).document().text()).isEqualTo("east");
	}

	@Test
	void answersEmptyWhenEmptyAndRejectsBadQueries() {
		assertThat(this.index.search("north", 3)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.index.search(" ", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> this.index.search("north", 0));
	}

	@Test
	void staysConsistentWhileDocumentsAreAddedConcurrently() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String id = "d" + i;
				work.add(executor
					.submit(() -> this.index.add(new Document(id, (id.hashCode() % 2 == 0) ? "north" : "east"))));
				work.add(executor.submit(() -> this.index.search("north", 3)));
			}
			for (Future<?> future : work) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.index.size()).isEqualTo(200);
	}

	static EmbeddingModel fakeModel(List<List<String>> batches) {
		return (texts) -> {
			synchronized (batches) {
				batches.add(List.copyOf(texts));
			}
			List<Embedding> embeddings = new ArrayList<>();
			for (int i = 0; i < texts.size(); i++) {
				embeddings.add(new Embedding(i, VECTORS.get(texts.get(i))));
			}
			return Mono.just(embeddings);
		};
	}

}
