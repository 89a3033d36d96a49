package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.customllm.resilience.Bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenBucket}, on a clock the test moves.
 */
class TokenBucketTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private TokenBucket bucket(long capacity, long refill, Duration period) {
		return new TokenBucket(new Bandwidth(capacity, refill, period), this.now::get);
	}

	private void advance(long nanos) {
		this.now.addAndGet(nanos);
	}

	@Test
	void startsFullAndGrantsItsCapacityAtOnce() {
		TokenBucket bucket = bucket(20, 20, Duration.ofSeconds(1));
		for (int i = 0; i < 20; i++) {
			assertThat(bucket.tryConsume(1)).isTrue();
		}
		assertThat(bucket.tryConsume(1)).isFalse();
		assertThat(bucket.availableTokens()).isZero();
	}

	@Test
	void refillsGreedilyAndCarriesPartsOfATokenOver() {
		TokenBucket bucket = bucket(3, 3, Duration.ofSeconds(1));
		bucket.reserve(3, 0);
		// one token every 333,333,333.3 ns: the third is due only after the full second
		advance(333_333_333L);
		assertThat(bucket.availableTokens()).isZero();
		advance(1);
		assertThat(bucket.availableTokens()).isEqualTo(1);
		advance(333_333_333L);
		assertThat(bucket.availableTokens()).isEqualTo(2);
		advance(333_333_332L);
		assertThat(bucket.availableTokens()).isEqualTo(2);
		advance(1);
		assertThat(bucket.availableTokens()).isEqualTo(3);
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		TokenBucket bucket = bucket(5, 5, Duration.ofSeconds(1));
		bucket.reserve(2, 0);
		advance(Duration.ofDays(400).toNanos());
		assertThat(bucket.availableTokens()).isEqualTo(5);
		bucket.addTokens(10);
		assertThat(bucket.availableTokens()).isEqualTo(5);
	}

	@Test
	void reservesTokensDueWithinTheLongestWaitAndQueuesLaterCallersBehind() {
		TokenBucket bucket = bucket(10, 10, Duration.ofSeconds(1));
		assertThat(bucket.reserve(10, 0)).isZero();
		assertThat(bucket.reserve(1, Duration.ofMillis(99).toNanos())).isEqualTo(-1);
		assertThat(bucket.reserve(1, Duration.ofMillis(100).toNanos())).isEqualTo(Duration.ofMillis(100).toNanos());
		assertThat(bucket.reserve(1, Duration.ofMillis(500).toNanos())).isEqualTo(Duration.ofMillis(200).toNanos());
		assertThat(bucket.availableTokens()).isEqualTo(-2);
		advance(Duration.ofMillis(200).toNanos());
		assertThat(bucket.availableTokens()).isZero();
	}

	@Test
	void refusesTokensDueLaterThanTheLongestWaitAndTakesNothing() {
		TokenBucket bucket = bucket(10, 10, Duration.ofSeconds(1));
		bucket.reserve(10, 0);
		assertThat(bucket.reserve(2, Duration.ofMillis(199).toNanos())).isEqualTo(-1);
		assertThat(bucket.availableTokens()).isZero();
		assertThat(bucket.reserve(11, Long.MAX_VALUE)).as("more than the capacity").isEqualTo(-1);
	}

	@Test
	void waitCountsThePartOfATokenAlreadyRefilled() {
		TokenBucket bucket = bucket(3, 3, Duration.ofSeconds(1));
		bucket.reserve(3, 0);
		advance(100_000_000L);
		// 0.3 of a token is there: the next is due 233,333,334 ns later
		assertThat(bucket.reserve(1, Long.MAX_VALUE)).isEqualTo(233_333_334L);
	}

	@Test
	void debtDelaysTheNextGrantsAndTokensGivenBackShortenIt() {
		TokenBucket bucket = bucket(60, 60, Duration.ofMinutes(1));
		bucket.consumeIgnoringLimit(90);
		assertThat(bucket.availableTokens()).isEqualTo(-30);
		assertThat(bucket.tryConsume(1)).isFalse();
		bucket.addTokens(40);
		assertThat(bucket.availableTokens()).isEqualTo(10);
		assertThat(bucket.tryConsume(10)).isTrue();
	}

	@Test
	void largeBandwidthsDoNotOverflow() {
		TokenBucket bucket = bucket(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Duration.ofDays(1));
		assertThat(bucket.reserve(Long.MAX_VALUE / 2, 0)).isZero();
		advance(Duration.ofHours(12).toNanos());
		assertThat(bucket.availableTokens()).isEqualTo(Long.MAX_VALUE / 4);
		assertThat(TokenBucket.divide(Long.MAX_VALUE, 4, 3, 8)).containsExactly(Long.MAX_VALUE / 2, 7);
	}

}
