package dev.customllm.embedding;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The vector of one text. Immutable.
 * <p>
 * To read the vector without copying it, use {@link #get(int)}, {@link #asBuffer()} (a
 * read-only view) or {@link #copyInto(float[], int)} (straight into an array of your
 * own); {@link #vector()} returns a fresh copy on each call, which doubles the memory a
 * batch of vectors takes.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Embedding {

	private final int index;

	private final float[] vector;

	/**
	 * Create a new instance.
	 * @param index position of the text in the input list
	 * @param vector the vector (copied)
	 */
	public Embedding(int index, float[] vector) {
		this(index, vector.clone(), true);
	}

	private Embedding(int index, float[] vector, boolean owned) {
		if (vector.length == 0) {
			throw new IllegalArgumentException("vector must not be empty");
		}
		this.index = index;
		this.vector = vector;
	}

	/**
	 * Create an embedding that takes ownership of the array, without copying it, as
	 * {@link java.nio.ByteBuffer#wrap(byte[])} does: for code that builds many large
	 * vectors, such as a model reading a batch answer. The caller must not change the
	 * array afterwards.
	 * @param index position of the text in the input list
	 * @param vector the vector, not to be changed afterwards
	 * @return the embedding
	 */
	public static Embedding wrap(int index, float[] vector) {
		return new Embedding(index, vector, true);
	}

	/**
	 * Return this embedding at another position in the input list, sharing its vector
	 * without a copy: both are immutable. For code that joins the embeddings of several
	 * batches into one list.
	 * @param index position of the text in the input list
	 * @return the embedding at that position
	 */
	public Embedding withIndex(int index) {
		return (index == this.index) ? this : new Embedding(index, this.vector, true);
	}

	/**
	 * Return the position of the text in the input list.
	 * @return the index
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Return a copy of the vector: a new array on each call, the caller's to change. To
	 * read without copying, see {@link #get(int)}, {@link #asBuffer()} and
	 * {@link #copyInto(float[], int)}.
	 * @return the vector
	 */
	public float[] vector() {
		return this.vector.clone();
	}

	/**
	 * Return one value of the vector, without copying.
	 * @param dimension the position in the vector, from 0 to {@code dimensions() - 1}
	 * @return the value
	 * @throws IndexOutOfBoundsException if the position is outside the vector
	 */
	public float get(int dimension) {
		return this.vector[dimension];
	}

	/**
	 * Return a read-only view of the vector, without copying it: the buffer reads the
	 * embedding's own values, from position 0 to its limit, {@link #dimensions()}. The
	 * buffer cannot change them ({@link FloatBuffer#put(float)} throws
	 * {@link java.nio.ReadOnlyBufferException}, and it has no accessible array). Each
	 * call returns a new view with its own position; a view is not thread-safe, the
	 * embedding is.
	 * @return a read-only view of the vector
	 */
	public FloatBuffer asBuffer() {
		return FloatBuffer.wrap(this.vector).asReadOnlyBuffer();
	}

	/**
	 * Copy the vector into an array of the caller's, such as a row of a larger matrix or
	 * a reused buffer: one copy, no array allocated.
	 * @param destination the array to copy into
	 * @param offset where the first value goes in {@code destination}
	 * @throws IndexOutOfBoundsException if the vector does not fit from {@code offset}
	 */
	public void copyInto(float[] destination, int offset) {
		System.arraycopy(this.vector, 0, destination, offset, this.vector.length);
	}

	/**
	 * Return the number of dimensions of the vector.
	 * @return the dimensions
	 */
	public int dimensions() {
		return this.vector.length;
	}

	/**
	 * Return the cosine similarity of this vector and another.
	 * @param other the other embedding, of the same dimensions
	 * @return the similarity, between -1 and 1
	 */
	public double cosineSimilarity(Embedding other) {
		if (other.vector.length != this.vector.length) {
			throw new IllegalArgumentException(
					"dimensions differ: " + this.vector.length + " and " + other.vector.length);
		}
		double dot = 0;
		double norm = 0;
		double otherNorm = 0;
		for (int i = 0; i < this.vector.length; i++) {
			dot += this.vector[i] * other.vector[i];
			norm += this.vector[i] * this.vector[i];
			otherNorm += other.vector[i] * other.vector[i];
		}
		return (norm == 0 || otherNorm == 0) ? 0 : dot / Math.sqrt(norm * otherNorm);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Embedding that) && this.index == that.index && Arrays.equals(this.vector, that.vector);
	}

	@Override
	public int hashCode() {
		return 31 * this.index + Arrays.hashCode(this.vector);
	}

	@Override
	public String toString() {
		return "Embedding[index=" + this.index + ", dimensions=" + this.vector.length + "]";
	}

}
