package dev.customllm.embedding;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Embedding}: the read paths without a copy, and that the vector stays
 * immutable to callers.
 */
class EmbeddingTests {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	@Test
	void viewReadsTheEmbeddingsOwnArrayWithoutCopyingIt() {
		float[] parsed = { 1f, 2f, 3f };
		Embedding embedding = Embedding.wrap(0, parsed);
		FloatBuffer view = embedding.asBuffer();
		// the wrapped array is the view's backing data: a change to it (which wrap's
		// contract forbids, done here only to see) shows through the view and get(i)
		parsed[1] = 42f;
		assertThat(view.get(1)).isEqualTo(42f);
		assertThat(embedding.get(1)).isEqualTo(42f);
		assertThat(view.remaining()).isEqualTo(embedding.dimensions());
	}

	@Test
	void viewAndGetAllocateNothingTheSizeOfTheVector() {
		Embedding embedding = Embedding.wrap(0, new float[1_000_000]);
		long viewBytes = allocatedBy(() -> {
			float sum = 0;
			for (int round = 0; round < 10; round++) {
				FloatBuffer view = embedding.asBuffer();
				sum += view.get(view.limit() - 1) + embedding.get(round);
			}
			return sum;
		});
		long copyBytes = allocatedBy(() -> embedding.vector()[0]);
		assertThat(copyBytes).isGreaterThanOrEqualTo(4_000_000L);
		assertThat(viewBytes).isLessThan(10_000L);
	}

	@Test
	void withIndexMovesTheEmbeddingAndSharesItsVector() {
		float[] parsed = { 1f, 2f, 3f };
		Embedding embedding = Embedding.wrap(0, parsed);
		Embedding moved = embedding.withIndex(5);
		assertThat(moved.index()).isEqualTo(5);
		assertThat(embedding.index()).isZero();
		assertThat(embedding.withIndex(0)).isSameAs(embedding);
		// as above: a change to the wrapped array, done only to see, shows in both
		parsed[2] = 42f;
		assertThat(moved.get(2)).isEqualTo(42f);
		assertThat(moved.vector()).containsExactly(1f, 2f, 42f);
	}

	@Test
	void viewCannotChangeTheVector() {
		Embedding embedding = new Embedding(0, new float[] { 1f, 2f });
		FloatBuffer view = embedding.asBuffer();
		assertThat(view.isReadOnly()).isTrue();
		assertThat(view.hasArray()).isFalse();
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> view.put(0, 9f));
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> view.put(new float[] { 9f }));
		assertThat(embedding.vector()).containsExactly(1f, 2f);
	}

	@Test
	void eachViewHasItsOwnPosition() {
		Embedding embedding = new Embedding(0, new float[] { 1f, 2f });
		FloatBuffer first = embedding.asBuffer();
		first.get();
		assertThat(embedding.asBuffer().position()).isZero();
		assertThat(embedding.asBuffer().get()).isEqualTo(1f);
	}

	@Test
	void copiesAndSourcesCannotChangeTheVector() {
		float[] source = { 1f, 2f };
		Embedding embedding = new Embedding(3, source);
		source[0] = 9f;
		embedding.vector()[1] = 9f;
		float[] destination = new float[4];
		embedding.copyInto(destination, 1);
		destination[1] = 9f;
		assertThat(embedding.vector()).containsExactly(1f, 2f);
		assertThat(destination).containsExactly(0f, 9f, 2f, 0f);
		assertThat(embedding.get(0)).isEqualTo(1f);
	}

	@Test
	void readsOutsideTheVectorAreRejected() {
		Embedding embedding = new Embedding(0, new float[] { 1f, 2f });
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> embedding.get(2));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> embedding.get(-1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> embedding.copyInto(new float[2], 1));
	}

	private static long allocatedBy(java.util.function.Supplier<Float> read) {
		long before = THREADS.getCurrentThreadAllocatedBytes();
		float value = read.get();
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
		assertThat(value).isNotNaN();
		return allocated;
	}

}
