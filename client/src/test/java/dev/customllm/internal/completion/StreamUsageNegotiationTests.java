package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.customllm.LlmApiException;
import dev.customllm.LlmApiException.ProviderError;
import dev.customllm.LlmApiException.RetryHints;
import dev.customllm.LlmOperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link StreamUsageNegotiation}.
 *
 * @author Custom LLM team
 */
class StreamUsageNegotiationTests {

	private final StreamUsageNegotiation negotiation = new StreamUsageNegotiation();

	private final List<Boolean> sent = new ArrayList<>();

	@Test
	void asksForUsageWhileTheServiceAcceptsIt() {
		assertThat(stream(null, false).collectList().block()).containsExactly("ok");
		assertThat(stream(null, false).collectList().block()).containsExactly("ok");
		assertThat(this.sent).containsExactly(true, true);
	}

	@Test
	void dropsTheOptionWhenRefusedWithItsParameterNamed() {
		LlmApiException refusal = error(422, "Extra inputs are not permitted", "stream_options");
		assertThat(stream(refusal, false).collectList().block()).containsExactly("ok");
		assertThat(stream(refusal, false).collectList().block()).containsExactly("ok");
		assertThat(this.sent).containsExactly(true, false, false);
	}

	@Test
	void keepsTheOptionOnOtherBadRequests() {
		LlmApiException other = error(400, "temperature must be at most 2", "temperature");
		assertThat(catchThrowable(() -> stream(other, false).blockLast())).isSameAs(other);
		assertThat(this.sent).containsExactly(true);
	}

	@Test
	void neverSendsAgainOnceTheStreamHasStarted() {
		LlmApiException midStream = error(400, "stream_options broke halfway", null);
		assertThat(catchThrowable(() -> stream(midStream, true).blockLast())).isSameAs(midStream);
		assertThat(this.sent).containsExactly(true);
	}

	private Flux<String> stream(@Nullable LlmApiException refusal, boolean afterFirstEvent) {
		return this.negotiation.stream((includeUsage) -> {
			this.sent.add(includeUsage);
			if (!includeUsage || refusal == null) {
				return Flux.just("ok");
			}
			return afterFirstEvent ? Flux.concat(Flux.just("partial"), Flux.error(refusal)) : Flux.error(refusal);
		});
	}

	private static LlmApiException error(int status, String message, @Nullable String param) {
		return new LlmApiException(LlmOperation.CHAT, status,
				new ProviderError(message, "invalid_request_error", null, param), RetryHints.NONE);
	}

}
