package dev.customllm.internal.resilience;

import java.math.BigInteger;
import java.util.function.LongSupplier;

import dev.customllm.resilience.Bandwidth;

/**
 * A token bucket kept inside this instance, refilled greedily: {@code refillTokens} every
 * period, spread evenly over it, with exact integer arithmetic (the part of a token not
 * yet due is carried over, never rounded away). A grant that has to wait for the refill
 * takes its tokens at once (the bucket goes into debt) and tells the caller how long to
 * wait, so that later callers queue behind it. Synchronized: every operation is a few
 * arithmetic steps. Thread-safe.
 *
 * @author Custom LLM team
 */
final class TokenBucket {

	private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

	private final long capacity;

	private final long refillTokens;

	private final long periodNanos;

	private final LongSupplier nanoTime;

	private long tokens;

	private long refilledAt;

	/**
	 * Refill carried over: {@code token × nanoseconds} not yet worth a whole token,
	 * always below {@link #periodNanos}.
	 */
	private long carried;

	TokenBucket(Bandwidth bandwidth) {
		this(bandwidth, System::nanoTime);
	}

	/**
	 * Create a full bucket.
	 * @param bandwidth its capacity and refill
	 * @param nanoTime the clock, {@link System#nanoTime()} but in tests
	 */
	TokenBucket(Bandwidth bandwidth, LongSupplier nanoTime) {
		this.capacity = bandwidth.capacity();
		this.refillTokens = bandwidth.refillTokens();
		this.periodNanos = bandwidth.refillPeriodNanos();
		this.nanoTime = nanoTime;
		this.tokens = bandwidth.capacity();
		this.refilledAt = nanoTime.getAsLong();
	}

	/**
	 * Take tokens if the bucket holds them now.
	 * @param tokens the tokens to take
	 * @return whether they were taken
	 */
	synchronized boolean tryConsume(long tokens) {
		return reserve(tokens, 0) == 0;
	}

	/**
	 * Take tokens now or, when they will be there within {@code maxWaitNanos}, reserve
	 * them: the bucket goes into debt and the caller waits the returned time.
	 * @param tokens the tokens to take
	 * @param maxWaitNanos the longest wait for the refill
	 * @return {@code 0} when granted now, the nanoseconds to wait when reserved, or
	 * {@code -1} when not granted (nothing taken)
	 */
	synchronized long reserve(long tokens, long maxWaitNanos) {
		refill();
		if (tokens > this.capacity) {
			return -1;
		}
		if (this.tokens >= tokens) {
			this.tokens -= tokens;
			return 0;
		}
		long wait = nanosUntil(tokens - this.tokens);
		if (wait > maxWaitNanos) {
			return -1;
		}
		this.tokens -= tokens;
		return wait;
	}

	/**
	 * Take tokens whatever the bucket holds; it may go into debt.
	 * @param tokens the tokens to take
	 */
	synchronized void consumeIgnoringLimit(long tokens) {
		refill();
		this.tokens = saturatedSubtract(this.tokens, tokens);
	}

	/**
	 * Give tokens back, never beyond the capacity.
	 * @param tokens the tokens to give back
	 */
	synchronized void addTokens(long tokens) {
		refill();
		this.tokens = Math.min(this.capacity, saturatedAdd(this.tokens, tokens));
		if (this.tokens == this.capacity) {
			this.carried = 0;
		}
	}

	/**
	 * Return the tokens the bucket holds now, negative when it is in debt.
	 * @return the tokens
	 */
	synchronized long availableTokens() {
		refill();
		return this.tokens;
	}

	private void refill() {
		long now = this.nanoTime.getAsLong();
		long elapsed = now - this.refilledAt;
		if (elapsed <= 0) {
			return;
		}
		this.refilledAt = now;
		if (this.tokens >= this.capacity) {
			this.carried = 0;
			return;
		}
		// whole periods first, so that the product below stays within a period
		long periods = elapsed / this.periodNanos;
		long added = saturatedMultiply(periods, this.refillTokens);
		long[] partial = divide(elapsed % this.periodNanos, this.refillTokens, this.carried, this.periodNanos);
		this.tokens = saturatedAdd(saturatedAdd(this.tokens, added), partial[0]);
		this.carried = partial[1];
		if (this.tokens >= this.capacity) {
			this.tokens = this.capacity;
			this.carried = 0;
		}
	}

	/**
	 * The nanoseconds until {@code deficit} more tokens are refilled: the least t with
	 * {@code (t × refillTokens + carried) / periodNanos >= deficit}.
	 */
	private long nanosUntil(long deficit) {
		BigInteger needed = BigInteger.valueOf(deficit)
			.multiply(BigInteger.valueOf(this.periodNanos))
			.subtract(BigInteger.valueOf(this.carried));
		BigInteger[] quotient = needed.divideAndRemainder(BigInteger.valueOf(this.refillTokens));
		BigInteger nanos = (quotient[1].signum() > 0) ? quotient[0].add(BigInteger.ONE) : quotient[0];
		return (nanos.compareTo(LONG_MAX) > 0) ? Long.MAX_VALUE : nanos.longValueExact();
	}

	/**
	 * {@code (a × b + c) / d} and its remainder, exact; {@code a, b, c >= 0},
	 * {@code d > 0}.
	 */
	static long[] divide(long a, long b, long c, long d) {
		if (Math.multiplyHigh(a, b) == 0 && a * b >= 0 && a * b <= Long.MAX_VALUE - c) {
			long dividend = a * b + c;
			return new long[] { dividend / d, dividend % d };
		}
		BigInteger[] result = BigInteger.valueOf(a)
			.multiply(BigInteger.valueOf(b))
			.add(BigInteger.valueOf(c))
			.divideAndRemainder(BigInteger.valueOf(d));
		long quotient = (result[0].compareTo(LONG_MAX) > 0) ? Long.MAX_VALUE : result[0].longValueExact();
		return new long[] { quotient, result[1].longValueExact() };
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

	private static long saturatedSubtract(long a, long b) {
		long difference = a - b;
		if (((a ^ b) & (a ^ difference)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return difference;
	}

	private static long saturatedMultiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
	}

}
