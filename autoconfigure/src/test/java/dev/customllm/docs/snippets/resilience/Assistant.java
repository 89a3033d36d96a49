package dev.customllm.docs.snippets.resilience;

import dev.customllm.completion.CompletionModel;
import dev.customllm.embedding.EmbeddingModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The service with two named clients of docs/resilience.md ("Several providers").
 */
@Service
class Assistant {

	private final CompletionModel chat;

	private final EmbeddingModel embeddings;

	Assistant(@Qualifier("chat") CompletionModel chat, @Qualifier("embeddings") EmbeddingModel embeddings) {
		this.chat = chat;
		this.embeddings = embeddings;
	}

	String answer(String question) {
		return this.chat.complete(question) + " (" + this.embeddings.embed(question).dimensions() + ")";
	}

}
