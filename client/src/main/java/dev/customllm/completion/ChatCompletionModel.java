package dev.customllm.completion;

import java.net.URI;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmOperation;
import dev.customllm.http.LlmTransport;
import dev.customllm.observation.LlmTelemetry;

/**
 * {@link CompletionModel} on {@code POST /chat/completions}.
 *
 * @author Custom LLM team
 */
public final class ChatCompletionModel implements CompletionModel {

	private final LlmTransport transport;

	private final CompletionDefaults defaults;

	private final URI uri;

	private final StreamUsageNegotiation streamUsage;

	/**
	 * Create a new instance.
	 * @param transport the transport of the client
	 * @param defaults the values used where a request leaves them unset
	 */
	public ChatCompletionModel(LlmTransport transport, CompletionDefaults defaults) {
		this(transport, defaults, new StreamUsageNegotiation());
	}

	/**
	 * Create a new instance that shares what the client learned about streaming usage.
	 * @param transport the transport of the client
	 * @param defaults the values used where a request leaves them unset
	 * @param streamUsage whether the service accepts {@code stream_options}, per client
	 */
	public ChatCompletionModel(LlmTransport transport, CompletionDefaults defaults,
			StreamUsageNegotiation streamUsage) {
		this.transport = transport;
		this.defaults = defaults;
		this.uri = transport.endpoint(defaults.endpointPath());
		this.streamUsage = streamUsage;
	}

	@Override
	public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
		return Mono.fromCallable(() -> ChatCompletionBody.of(request, this.defaults)).flatMap((body) -> {
			LlmTelemetry telemetry = this.transport.telemetry();
			Mono<CompletionResponse> answer = this.transport.post(LlmOperation.CHAT, this.uri, body, ChatCompletionResult.class)
				.map(ChatCompletionResult::toResponse);
			return telemetry.observe(call(request), answer,
					(context, response) -> CompletionObservations.answer(telemetry, context, response));
		});
	}

	@Override
	public Flux<CompletionChunk> stream(CompletionRequest request) {
		return Mono.fromCallable(() -> ChatCompletionBody.of(request, this.defaults)).flatMapMany((body) -> {
			Flux<CompletionChunk> chunks = this.streamUsage
				.stream((includeUsage) -> this.transport.stream(LlmOperation.CHAT, this.uri,
						body.streaming(includeUsage), ChatChunkResult.class))
				.transform((results) -> ChunkAssembler.assemble(LlmOperation.CHAT, results));
			return this.transport.telemetry().observeStream(call(request), chunks, CompletionObservations::chunk);
		});
	}

	private LlmTelemetry.Call call(CompletionRequest request) {
		return CompletionObservations.call(LlmOperation.CHAT, Requests.model(request, this.defaults), request.messages(),
				request.prompt());
	}

	@Override
	public String toString() {
		return "ChatCompletionModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
