package dev.customllm.sample.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.customllm.agent.Document;
import dev.customllm.agent.InMemoryVectorIndex;
import dev.customllm.agent.ScoredDocument;
import dev.customllm.agent.VectorIndex;
import dev.customllm.embedding.EmbeddingModel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The bundled {@code corpus.json} as a {@link VectorIndex} for the assistant's dynamic
 * context: an {@link InMemoryVectorIndex} filled on the first search (a failed embedding
 * is retried by the next one), and a lookup of documents by id.
 *
 * @author Custom LLM team
 */
@Component
class CorpusIndex implements VectorIndex {

	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private final InMemoryVectorIndex index;

	private final Map<String, Document> documents;

	private final Mono<Void> loaded;

	CorpusIndex(@Qualifier("embeddings") EmbeddingModel embeddingModel, JsonMapper jsonMapper) {
		this.index = new InMemoryVectorIndex(embeddingModel);
		this.documents = read(new ClassPathResource("corpus.json"), jsonMapper);
		this.loaded = Mono.fromRunnable(() -> this.index.add(List.copyOf(this.documents.values())))
			.subscribeOn(Schedulers.boundedElastic())
			.then()
			.cache((ignored) -> FOREVER, (ex) -> Duration.ZERO, () -> FOREVER);
	}

	private static Map<String, Document> read(Resource resource, JsonMapper jsonMapper) {
		try (InputStream input = resource.getInputStream()) {
			Map<String, Document> documents = new LinkedHashMap<>();
			for (Entry entry : jsonMapper.readValue(input, new TypeReference<List<Entry>>() {
			})) {
				documents.put(entry.id(), new Document(entry.id(), entry.title() + ". " + entry.text()));
			}
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	@Override
	public void add(List<Document> documents) {
		this.index.add(documents);
	}

	@Override
	public Mono<List<ScoredDocument>> searchAsync(String query, int k) {
		return this.loaded.then(Mono.defer(() -> this.index.searchAsync(query, k)));
	}

	/**
	 * Return a document of the corpus.
	 * @param id the document's id
	 * @return the document, or {@code null} if there is none with this id
	 */
	@Nullable Document find(String id) {
		return this.documents.get(id);
	}

	/**
	 * A document as stored in {@code corpus.json}.
	 *
	 * @param id unique identifier
	 * @param title short title
	 * @param text one to three sentences
	 */
	record Entry(String id, String title, String text) {

	}

}
