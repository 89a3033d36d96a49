package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

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

	@Test
	void theStreamWithoutTheOptionGetsTheDemandAskedBeforeAndAfterTheRefusal() {
		LlmApiException refusal = error(400, "Unrecognized request argument supplied: stream_options", null);
		Flux<String> stream = this.negotiation.stream((includeUsage) -> {
			this.sent.add(includeUsage);
			return includeUsage ? Flux.error(refusal) : Flux.just("a", "b", "c", "d");
		});
		List<String> received = new ArrayList<>();
		AtomicReference<Subscription> subscription = new AtomicReference<>();
		AtomicBoolean completed = new AtomicBoolean();
		stream.subscribe(new BaseSubscriber<String>() {

			@Override
			protected void hookOnSubscribe(Subscription given) {
				subscription.set(given);
				given.request(1);
			}

			@Override
			protected void hookOnNext(String value) {
				received.add(value);
			}

			@Override
			protected void hookOnComplete() {
				completed.set(true);
			}

		});
		assertThat(received).containsExactly("a");
		subscription.get().request(2);
		assertThat(received).containsExactly("a", "b", "c");
		assertThat(completed).isFalse();
		subscription.get().request(5);
		assertThat(received).containsExactly("a", "b", "c", "d");
		assertThat(completed).isTrue();
		assertThat(this.sent).containsExactly(true, false);
	}

	@Test
	void cancellingBeforeTheRefusalSendsNothingAgain() {
		LlmApiException refusal = error(400, "Unrecognized request argument supplied: stream_options", null);
		Sinks.Empty<String> pending = Sinks.empty();
		Flux<String> stream = this.negotiation.stream((includeUsage) -> {
			this.sent.add(includeUsage);
			return includeUsage ? pending.asMono().flux() : Flux.just("never");
		});
		stream.subscribe().dispose();
		pending.tryEmitError(refusal);
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
