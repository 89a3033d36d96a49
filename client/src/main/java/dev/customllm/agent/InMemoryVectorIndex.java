package dev.customllm.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingModel;

/**
 * A {@link VectorIndex} in memory over an {@link EmbeddingModel}: documents are embedded
 * in batches when added, queries when searched, and ranked by cosine similarity.
 * Thread-safe: searches see a consistent snapshot while documents are added.
 *
 * <pre class="code">
 * InMemoryVectorIndex index = new InMemoryVectorIndex(client.embeddingModel("text-embedding-3-small"));
 * index.add(List.of(new Document("boot", "Spring Boot makes ..."), new Document("reactor", "...")));
 * List&lt;ScoredDocument&gt; best = index.search("What is auto-configuration?", 3);
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class InMemoryVectorIndex implements VectorIndex {

	private final EmbeddingModel embeddingModel;

	private final Object monitor = new Object();

	private volatile Map<String, Entry> entries = Map.of();

	/**
	 * Create an empty index.
	 * @param embeddingModel the model that embeds documents and queries
	 */
	public InMemoryVectorIndex(EmbeddingModel embeddingModel) {
		this.embeddingModel = embeddingModel;
	}

	@Override
	public void add(List<Document> documents) {
		if (documents.isEmpty()) {
			return;
		}
		List<Embedding> embeddings = this.embeddingModel.embedAll(documents.stream().map(Document::text).toList());
		synchronized (this.monitor) {
			Map<String, Entry> entries = new LinkedHashMap<>(this.entries);
			for (int i = 0; i < documents.size(); i++) {
				entries.put(documents.get(i).id(), new Entry(documents.get(i), embeddings.get(i)));
			}
			this.entries = entries;
		}
	}

	@Override
	public Mono<List<ScoredDocument>> searchAsync(String query, int k) {
		if (query == null || query.isBlank()) {
			throw new IllegalArgumentException("query must not be blank");
		}
		if (k < 1) {
			throw new IllegalArgumentException("k must be at least 1, but was " + k);
		}
		List<Entry> snapshot = List.copyOf(this.entries.values());
		if (snapshot.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.embeddingModel.embedAsync(query).map((embedding) -> rank(snapshot, embedding, k));
	}

	/**
	 * Return the number of documents in the index.
	 * @return the number of documents
	 */
	public int size() {
		return this.entries.size();
	}

	private static List<ScoredDocument> rank(List<Entry> entries, Embedding query, int k) {
		List<ScoredDocument> scored = new ArrayList<>(entries.size());
		for (Entry entry : entries) {
			scored.add(new ScoredDocument(entry.document(), entry.embedding().cosineSimilarity(query)));
		}
		scored.sort(Comparator.comparingDouble(ScoredDocument::score).reversed());
		return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
	}

	private record Entry(Document document, Embedding embedding) {

	}

}
