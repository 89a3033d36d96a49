package dev.customllm.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EncodingFormat;
import dev.customllm.rerank.RerankDefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The settings types: their defaults are the documented values, {@code with...} copies
 * change one value and leave the original as it was, and {@code toBuilder()} gives back
 * an equal value.
 */
class SettingsTests {

	@Test
	void retryDefaultsAreTheOpenAiSdkValues() {
		RetrySettings defaults = RetrySettings.defaults();

		assertThat(defaults).isSameAs(RetrySettings.DEFAULT);
		assertThat(defaults.maxRetries()).isEqualTo(2);
		assertThat(defaults.delay()).isEqualTo(Duration.ofMillis(500));
		assertThat(defaults.multiplier()).isEqualTo(2);
		assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(8));
		assertThat(defaults.jitter()).isEqualTo(0.25);
		assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
		assertThat(RetrySettings.NONE).isEqualTo(defaults.withMaxRetries(0));
	}

	@Test
	void retryCopiesChangeOneValue() {
		RetrySettings settings = RetrySettings.defaults()
			.withMaxRetries(3)
			.withDelay(Duration.ofMillis(100))
			.withMultiplier(3)
			.withMaxDelay(Duration.ofSeconds(2))
			.withJitter(0)
			.withMaxRetryAfter(Duration.ofSeconds(5));

		assertThat(settings).isEqualTo(RetrySettings.builder()
			.maxRetries(3)
			.delay(Duration.ofMillis(100))
			.multiplier(3)
			.maxDelay(Duration.ofSeconds(2))
			.jitter(0)
			.maxRetryAfter(Duration.ofSeconds(5))
			.build());
		assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
		assertThat(settings).isNotEqualTo(RetrySettings.DEFAULT);
		assertThat(RetrySettings.DEFAULT.maxRetries()).isEqualTo(2);
		assertThat(settings.toString()).contains("maxRetries=3", "jitter=0.0");
	}

	@Test
	void retryStillChecksItsValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.defaults().withMaxRetries(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.defaults().withJitter(1.5));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.defaults().withMaxDelay(Duration.ofMillis(100)))
			.withMessageContaining("not above maxDelay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.defaults().withMaxRetryAfter(Duration.ofDays(2)));
	}

	@Test
	void rateLimitFactoryAndCopies() {
		RateLimitSettings limits = RateLimitSettings.of(8, 20.0, Duration.ofSeconds(5)).withTokensPerMinute(200_000L);

		assertThat(RateLimitSettings.defaults()).isSameAs(RateLimitSettings.NONE);
		assertThat(RateLimitSettings.NONE.maxWait()).isEqualTo(Duration.ofSeconds(30));
		assertThat(RateLimitSettings.NONE.onStoreFailure()).isEqualTo(StoreFailureAction.LOCAL);
		assertThat(limits.maxConcurrentRequests()).isEqualTo(8);
		assertThat(limits.requestsPerSecond()).isEqualTo(20.0);
		assertThat(limits.tokensPerMinute()).isEqualTo(200_000L);
		assertThat(limits.toBuilder().build()).isEqualTo(limits).hasSameHashCodeAs(limits);
		assertThat(limits.withOnStoreFailure(StoreFailureAction.REJECT)).isNotEqualTo(limits);
		assertThat(limits.withMaxConcurrentRequests(null).maxConcurrentRequests()).isNull();
		assertThat(limits.maxConcurrentRequests()).isEqualTo(8);
		assertThatIllegalArgumentException().isThrownBy(() -> limits.withRequestsPerSecond(0.0));
		assertThatIllegalArgumentException().isThrownBy(() -> limits.withMaxWait(Duration.ofSeconds(-1)));
	}

	@Test
	void embeddingDefaultsCopies() {
		EmbeddingDefaults defaults = EmbeddingDefaults.defaults().withModel("bge-m3").withBatchSize(64);

		assertThat(EmbeddingDefaults.defaults()).isSameAs(EmbeddingDefaults.DEFAULT);
		assertThat(EmbeddingDefaults.DEFAULT.batchSize()).isEqualTo(256);
		assertThat(EmbeddingDefaults.DEFAULT.maxConcurrency()).isEqualTo(4);
		assertThat(EmbeddingDefaults.DEFAULT.encodingFormat()).isEqualTo(EncodingFormat.BASE64);
		assertThat(EmbeddingDefaults.DEFAULT.path()).isEqualTo("/embeddings");
		assertThat(defaults.model()).isEqualTo("bge-m3");
		assertThat(defaults.batchSize()).isEqualTo(64);
		assertThat(defaults.toBuilder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
		assertThat(defaults.withDimensions(3).withRequestDimensions(true).requestDimensions()).isTrue();
		assertThat(defaults.withEncodingFormat(EncodingFormat.FLOAT)).isNotEqualTo(defaults);
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withRequestDimensions(true));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxConcurrency(0));
	}

	@Test
	void rerankDefaultsCopies() {
		RerankDefaults defaults = RerankDefaults.defaults().withModel("bge-reranker-v2-m3").withPath("/v1/rerank");

		assertThat(RerankDefaults.defaults()).isSameAs(RerankDefaults.DEFAULT);
		assertThat(RerankDefaults.DEFAULT.path()).isEqualTo("/rerank");
		assertThat(RerankDefaults.DEFAULT.batchSize()).isEqualTo(32);
		assertThat(defaults.path()).isEqualTo("/v1/rerank");
		assertThat(defaults.toBuilder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
		assertThat(defaults.withBatchSize(8).withMaxConcurrency(1)).isNotEqualTo(defaults);
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPath(" "));
	}

}
