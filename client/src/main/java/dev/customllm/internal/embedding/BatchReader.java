package dev.customllm.internal.embedding;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * Checks one batch answer and places its vectors by each item's {@code index}, not by
 * arrival: exactly one vector per input, none empty, all of the expected length. That
 * every value is a finite float is checked as the values are read
 * ({@link EmbeddingAnswerParser}, {@link VectorDeserializer}).
 *
 * @author Custom LLM team
 */
final class BatchReader {

	private BatchReader() {
	}

	/**
	 * Read a batch answer into the result array.
	 * @param result the vectors of the whole call, filled at {@code offset + index}: the
	 * parser's arrays, not copied
	 * @param offset position of the batch's first text in the whole call
	 * @param size number of texts in the batch
	 * @param answer the answer
	 * @param dimensions expected vector length, or {@code null} for any length
	 */
	static void read(float[][] result, int offset, int size, EmbeddingResult answer, @Nullable Integer dimensions) {
		List<EmbeddingItem> items = answer.data();
		if (items == null || items.size() != size) {
			throw failure("expected " + size + " embeddings, got " + ((items != null) ? items.size() : "none"));
		}
		for (int position = 0; position < size; position++) {
			EmbeddingItem item = items.get(position);
			if (item == null) {
				throw failure("embedding " + position + " is null");
			}
			int index = (item.index() != null) ? item.index() : position;
			if (index < 0 || index >= size || result[offset + index] != null) {
				throw failure("embedding index " + index + " is out of range or repeated in a batch of " + size);
			}
			result[offset + index] = checkVector(item.embedding(), index, dimensions);
		}
	}

	private static float[] checkVector(float @Nullable [] vector, int index, @Nullable Integer dimensions) {
		if (vector == null || vector.length == 0) {
			throw failure("embedding " + index + " is empty");
		}
		if (dimensions != null && vector.length != dimensions) {
			throw failure("embedding " + index + " has " + vector.length + " dimensions, expected " + dimensions);
		}
		return vector;
	}

	private static LlmResponseException failure(String problem) {
		return new LlmResponseException(LlmOperation.EMBEDDINGS, problem);
	}

}
