package dev.customllm.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.customllm.redis.RedisServers.OwnRedis;
import dev.customllm.resilience.Bandwidth;
import dev.customllm.resilience.RateLimitStore;
import dev.customllm.resilience.SharedBucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisRateLimitStore} on a real Redis on loopback: the SPI's answers,
 * its keys, and how a store that cannot be reached differs from one that answers too
 * slowly.
 */
@Timeout(60)
class RedisRateLimitStoreTests {

	private static final Bandwidth THREE_PER_SECOND = new Bandwidth(3, 3, Duration.ofSeconds(1));

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final String prefix = "custom-llm-test:" + UUID.randomUUID();

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.closeables);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.scheduler.shutdownNow();
	}

	@Test
	void bucketGrantsItsCapacityThenRefusesAndLivesUnderThePrefixedKeyUntilFullAgain() throws Exception {
		SharedBucket bucket = sharedStore().bucket("rate", THREE_PER_SECOND);
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.tryConsume(1, Duration.ZERO, this.scheduler).get(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(bucket.tryConsume(1, Duration.ZERO, this.scheduler).get(5, TimeUnit.SECONDS)).isFalse();
		assertThat(RedisServers.command(RedisServers.sharedPort(), "EXISTS", "{" + this.prefix + "}:rate"))
			.isEqualTo("1");
		long expiresIn = Long
			.parseLong(RedisServers.command(RedisServers.sharedPort(), "PTTL", "{" + this.prefix + "}:rate"));
		assertThat(expiresIn).as("expires once full again, plus a margin").isPositive().isLessThanOrEqualTo(12_000);
	}

	@Test
	void tokensDueWithinTheLongestWaitAreGrantedAfterTheRefill() throws Exception {
		Bandwidth everyThreeSeconds = new Bandwidth(1, 1, Duration.ofSeconds(3));
		SharedBucket bucket = sharedStore().bucket("rate", everyThreeSeconds);
		long start = System.nanoTime();
		assertThat(bucket.tryConsume(1, Duration.ZERO, this.scheduler).get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(bucket.tryConsume(1, Duration.ofMillis(100), this.scheduler).get(5, TimeUnit.SECONDS))
			.as("due only 3 s after the first")
			.isFalse();
		assertThat(bucket.tryConsume(1, Duration.ofSeconds(10), this.scheduler).get(15, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2900));
	}

	@Test
	void tokensTakenAndGivenBackAreSeenByEveryInstance() throws Exception {
		Bandwidth perMinute = new Bandwidth(1000, 1000, Duration.ofMinutes(1));
		SharedBucket first = sharedStore().bucket("tokens", perMinute);
		SharedBucket second = sharedStore().bucket("tokens", perMinute);
		first.consumeIgnoringLimit(1600).get(5, TimeUnit.SECONDS);
		assertThat(second.availableTokens().get(5, TimeUnit.SECONDS)).as("in debt").isBetween(-600L, -590L);
		assertThat(second.tryConsume(1, Duration.ZERO, this.scheduler).get(5, TimeUnit.SECONDS)).isFalse();
		second.addTokens(700).get(5, TimeUnit.SECONDS);
		assertThat(first.availableTokens().get(5, TimeUnit.SECONDS)).isBetween(100L, 110L);
		second.addTokens(5000).get(5, TimeUnit.SECONDS);
		assertThat(first.availableTokens().get(5, TimeUnit.SECONDS)).as("never beyond the capacity").isEqualTo(1000L);
	}

	@Test
	void unreachableRedisFailsAtOnceAndNotAsASlowAnswer() {
		int port = RedisServers.freePort();
		SharedBucket bucket = store(port, Duration.ofMillis(500)).bucket("rate", THREE_PER_SECOND);
		long start = System.nanoTime();
		CompletableFuture<Boolean> ask = bucket.tryConsume(1, Duration.ZERO, this.scheduler);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> ask.get(5, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(causes(ex)).noneMatch(TimeoutException.class::isInstance));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void hungRedisFailsWithATimeoutException() {
		OwnRedis redis = closing(new OwnRedis());
		SharedBucket bucket = store(redis.port(), Duration.ofMillis(200)).bucket("rate", THREE_PER_SECOND);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		// the first answer opens the connection, which may take longer than the timeout
		while (!bucket.availableTokens().handle((tokens, failure) -> failure == null).join()) {
			assertThat(System.nanoTime()).as("Redis answers before it hangs").isLessThan(deadline);
		}
		RedisServers.commandWithoutAnswer(redis.port(), "DEBUG", "SLEEP", "2");
		RedisServers.sleep(Duration.ofMillis(100));
		CompletableFuture<Long> probe = bucket.availableTokens();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> probe.get(5, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(causes(ex)).anyMatch(TimeoutException.class::isInstance));
	}

	@Test
	void toStringNamesTheAddressAndKeysButNoCredentials() {
		RedisRateLimitConnection connection = closing(new RedisRateLimitConnection(RedisConnectionSettings.builder()
			.standalone("127.0.0.1", 6380)
			.database(2)
			.credentials("fleet", "s3cret")
			.build()));
		RedisRateLimitStore store = new RedisRateLimitStore(connection, "custom-llm:chat", Duration.ofMillis(500));
		assertThat(store).hasToString("redis://127.0.0.1:6380/2 (keys {custom-llm:chat}:*)");
		assertThat(store.kind()).isEqualTo("redis");
	}

	@Test
	void blankKeyPrefixIsRefused() {
		RedisRateLimitConnection connection = closing(
				new RedisRateLimitConnection(RedisConnectionSettings.builder().build()));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new RedisRateLimitStore(connection, " ", Duration.ofMillis(500)));
	}

	/**
	 * A store on the shared Redis, its connection open: the first answer on a loaded
	 * machine may outlast the timeout.
	 */
	private RateLimitStore sharedStore() {
		return RedisServers.warmedUp(store(RedisServers.sharedPort(), Duration.ofMillis(500)));
	}

	private RedisRateLimitStore store(int port, Duration timeout) {
		RedisRateLimitConnection connection = closing(new RedisRateLimitConnection(
				RedisConnectionSettings.builder().standalone("127.0.0.1", port).timeout(timeout).build()));
		return new RedisRateLimitStore(connection, this.prefix, timeout);
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

}
