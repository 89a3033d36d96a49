package dev.customllm.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The embedding function of the simulator: a deterministic, L2-normalised feature hash of
 * a text's words and word pairs, so that texts sharing words have a higher cosine
 * similarity.
 *
 * @since 0.1.0
 */
public final class SimulatedEmbeddings {

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "that", "this", "are", "was",
			"were", "from", "but", "not", "has", "have", "had", "its", "into", "than", "then", "you");

	private static final float BIGRAM_WEIGHT = 0.5f;

	private static final int FNV_OFFSET = 0x811c9dc5;

	private static final int FNV_PRIME = 0x01000193;

	private static final int SIGN_SEED = 0x5bd1e995;

	private SimulatedEmbeddings() {
	}

	/**
	 * Embed a text the way the simulator does.
	 * @param text the text to embed
	 * @param dimensions the length of the vector, at least 1
	 * @return the unit-length vector
	 */
	public static float[] embed(String text, int dimensions) {
		if (dimensions < 1) {
			throw new IllegalArgumentException("Dimensions must be positive, but was " + dimensions);
		}
		float[] vector = new float[dimensions];
		List<String> words = words(text);
		for (int i = 0; i < words.size(); i++) {
			add(vector, words.get(i), 1.0f);
			if (i > 0) {
				add(vector, words.get(i - 1) + " " + words.get(i), BIGRAM_WEIGHT);
			}
		}
		return normalized(vector);
	}

	private static List<String> words(String text) {
		return Arrays.stream(NON_WORD.split(text.toLowerCase(Locale.ROOT)))
			.filter((word) -> word.length() > 2 && !STOP_WORDS.contains(word))
			.toList();
	}

	private static void add(float[] vector, String feature, float weight) {
		int bucket = Integer.remainderUnsigned(fnv1a(feature, FNV_OFFSET), vector.length);
		boolean negative = (fnv1a(feature, SIGN_SEED) & 1) == 1;
		vector[bucket] += negative ? -weight : weight;
	}

	private static int fnv1a(String feature, int seed) {
		int hash = seed;
		for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
			hash = (hash ^ (b & 0xff)) * FNV_PRIME;
		}
		return hash;
	}

	private static float[] normalized(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		if (sum == 0) {
			vector[0] = 1.0f;
			return vector;
		}
		float norm = (float) Math.sqrt(sum);
		for (int i = 0; i < vector.length; i++) {
			vector[i] /= norm;
		}
		return vector;
	}

}
