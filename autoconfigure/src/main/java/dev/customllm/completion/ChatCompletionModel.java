package dev.customllm.completion;

import java.net.URI;

import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.http.LlmTransport;

/**
 * {@link CompletionModel} on {@code POST /chat/completions}.
 *
 * @author Custom LLM team
 */
public final class ChatCompletionModel implements CompletionModel {

	private final LlmTransport transport;

	private final CompletionDefaults defaults;

	private final URI uri;

	/**
	 * Create a new instance.
	 * @param transport the transport of the client
	 * @param defaults the values used where a request leaves them unset
	 */
	public ChatCompletionModel(LlmTransport transport, CompletionDefaults defaults) {
		this.transport = transport;
		this.defaults = defaults;
		this.uri = transport.endpoint(defaults.endpointPath());
	}

	@Override
	public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
		return Mono.fromCallable(() -> ChatCompletionBody.of(request, this.defaults))
			.flatMap((body) -> this.transport.post(LlmOperation.CHAT, this.uri, body, ChatCompletionResult.class))
			.map(ChatCompletionResult::toResponse);
	}

	@Override
	public String toString() {
		return "ChatCompletionModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
