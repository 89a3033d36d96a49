package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionResponse;

/**
 * Applies {@link ThinkTagSplitter} to answers and streams, for
 * {@link dev.customllm.completion.CompletionDefaults#splitThinkTags()}: reasoning the
 * service already sent apart is kept, and what the tags held is added to it.
 *
 * @author Custom LLM team
 */
final class ThinkTags {

	private ThinkTags() {
	}

	/**
	 * Split the think tags out of an answer's text.
	 * @param response the answer
	 * @return the answer with its reasoning apart, or the same answer when its text
	 * starts with no think tag
	 */
	static CompletionResponse split(CompletionResponse response) {
		ThinkTagSplitter.Split split = ThinkTagSplitter.split(response.text());
		if (split.reasoning().isEmpty() && split.text().equals(response.text())) {
			return response;
		}
		return response.toBuilder().text(split.text()).reasoning(join(response.reasoning(), split.reasoning())).build();
	}

	/**
	 * Split the think tags out of a stream's text as it arrives.
	 * @param chunks the chunks of one answer
	 * @return the chunks with their reasoning apart; a chunk that is only part of a tag
	 * is held until it is known which it is
	 */
	static Flux<CompletionChunk> split(Flux<CompletionChunk> chunks) {
		return Flux.defer(() -> {
			ThinkTagSplitter splitter = new ThinkTagSplitter();
			return chunks.concatMapIterable((chunk) -> split(splitter, chunk));
		});
	}

	private static List<CompletionChunk> split(ThinkTagSplitter splitter, CompletionChunk chunk) {
		ThinkTagSplitter.Split split = splitter.feed(chunk.text());
		if (!chunk.last()) {
			CompletionChunk piece = piece(chunk, split);
			return (piece != null) ? List.of(piece) : List.of();
		}
		ThinkTagSplitter.Split rest = splitter.finish();
		ThinkTagSplitter.Split all = new ThinkTagSplitter.Split(split.reasoning() + rest.reasoning(),
				split.text() + rest.text());
		if (all.isEmpty()) {
			return List.of(chunk);
		}
		return List.of(chunk.toBuilder().text(all.text()).reasoning(join(chunk.reasoning(), all.reasoning())).build());
	}

	private static @Nullable CompletionChunk piece(CompletionChunk chunk, ThinkTagSplitter.Split split) {
		String reasoning = join(chunk.reasoning(), split.reasoning());
		if (split.text().isEmpty() && reasoning == null) {
			return null;
		}
		return chunk.toBuilder().text(split.text()).reasoning(reasoning).build();
	}

	private static @Nullable String join(@Nullable String sent, String tagged) {
		if (tagged.isEmpty()) {
			return (sent != null && !sent.isEmpty()) ? sent : null;
		}
		return (sent != null) ? sent + tagged : tagged;
	}

}
