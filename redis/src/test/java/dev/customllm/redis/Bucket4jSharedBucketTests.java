package dev.customllm.redis;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Bucket4jSharedBucket}'s translation of failures.
 */
class Bucket4jSharedBucketTests {

	@Test
	void bucket4jTimeoutBecomesTheJdkTimeoutWithItsCause() {
		io.github.bucket4j.TimeoutException bucket4j = new io.github.bucket4j.TimeoutException("timeout", 1, 1);
		Throwable translated = Bucket4jSharedBucket.slowAnswer(new CompletionException(bucket4j));
		assertThat(translated).isInstanceOf(TimeoutException.class).hasCause(bucket4j);
	}

	@Test
	void otherFailuresArePassedOnUnwrapped() {
		ConnectException refused = new ConnectException("Connection refused");
		assertThat(Bucket4jSharedBucket.slowAnswer(new CompletionException(refused))).isSameAs(refused);
		assertThat(Bucket4jSharedBucket.slowAnswer(refused)).isSameAs(refused);
	}

}
