package dev.customllm.redis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisConnectionSettings} and how the connection turns them into
 * Lettuce's {@link RedisURI}.
 */
class RedisConnectionSettingsTests {

	@Test
	void defaultsToLocalhostWithoutCredentialsAndAHalfSecondTimeout() {
		RedisConnectionSettings settings = RedisConnectionSettings.builder().build();
		assertThat(settings).hasToString("redis://localhost:6379/0");
		assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(settings.password()).isNull();
		assertThat(settings.sentinels()).isEmpty();
	}

	@Test
	void standaloneServerWithCredentialsDatabaseAndSslBecomesItsUri() {
		RedisConnectionSettings settings = RedisConnectionSettings.builder()
			.standalone("redis.internal", 6380)
			.database(3)
			.credentials("fleet", "s3cret")
			.ssl(true)
			.timeout(Duration.ofMillis(250))
			.build();
		RedisURI uri = RedisRateLimitConnection.uri(settings);
		assertThat(uri.getHost()).isEqualTo("redis.internal");
		assertThat(uri.getPort()).isEqualTo(6380);
		assertThat(uri.getDatabase()).isEqualTo(3);
		assertThat(uri.getUsername()).isEqualTo("fleet");
		assertThat(uri.getPassword()).isEqualTo("s3cret".toCharArray());
		assertThat(uri.isSsl()).isTrue();
		assertThat(uri.getTimeout()).as("the handshake of a new connection: 4 x the timeout, at least 2 s")
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(settings).hasToString("rediss://redis.internal:6380/3");
	}

	@Test
	void sentinelManagedMasterBecomesASentinelUri() {
		RedisConnectionSettings settings = RedisConnectionSettings.builder()
			.sentinel("primary",
					List.of(InetSocketAddress.createUnresolved("s1", 26379),
							InetSocketAddress.createUnresolved("s2", 26380)))
			.sentinelPassword("sentinel-secret")
			.credentials(null, "s3cret")
			.database(1)
			.build();
		RedisURI uri = RedisRateLimitConnection.uri(settings);
		assertThat(uri.getSentinelMasterId()).isEqualTo("primary");
		assertThat(uri.getSentinels()).extracting(RedisURI::getHost).containsExactly("s1", "s2");
		assertThat(uri.getSentinels()).extracting(RedisURI::getPassword).containsOnly("sentinel-secret".toCharArray());
		assertThat(uri.getPassword()).isEqualTo("s3cret".toCharArray());
		assertThat(uri.getDatabase()).isEqualTo(1);
		assertThat(settings).hasToString("redis-sentinel://s1:26379,s2:26380/1#primary");
	}

	@Test
	void toStringNeverShowsAPassword() {
		RedisConnectionSettings settings = RedisConnectionSettings.builder()
			.credentials("fleet", "s3cret")
			.sentinel("primary", List.of(InetSocketAddress.createUnresolved("s1", 26379)))
			.sentinelPassword("other-secret")
			.build();
		assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("other-secret");
		assertThat(new RedisRateLimitConnection(settings)).hasToString(settings.toString());
	}

	@Test
	void toBuilderKeepsEverySettingAndBuildsAnEqualValue() {
		RedisConnectionSettings settings = RedisConnectionSettings.builder()
			.standalone("redis.internal", 6380)
			.database(3)
			.credentials("fleet", "s3cret")
			.timeout(Duration.ofSeconds(1))
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
		assertThat(settings.toBuilder().database(4).build()).isNotEqualTo(settings);
	}

	@Test
	void invalidValuesAreRefused() {
		RedisConnectionSettings.Builder builder = RedisConnectionSettings.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.standalone(" ", 6379));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.standalone("host", 0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.database(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.timeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.sentinel("primary", List.of()));
	}

}
