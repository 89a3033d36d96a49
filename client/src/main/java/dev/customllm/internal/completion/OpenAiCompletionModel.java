package dev.customllm.internal.completion;

import java.net.URI;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.telemetry.LlmTelemetry;

/**
 * {@link CompletionModel} on an OpenAI-compatible endpoint: {@code POST /chat/completions}
 * or the legacy {@code POST /completions}, one implementation over the
 * {@link CompletionEndpoint} that describes each wire shape.
 *
 * @param <B> the request body
 * @param <R> the answer
 * @param <C> a chunk of a streamed answer
 * @author Custom LLM team
 */
public final class OpenAiCompletionModel<B, R, C extends StreamedResult> implements CompletionModel {

	private final CompletionEndpoint<B, R, C> endpoint;

	private final HttpTransport transport;

	private final LlmTelemetry telemetry;

	private final CompletionDefaults defaults;

	private final URI uri;

	private final StreamUsageNegotiation streamUsage;

	private final StreamLimits limits;

	private OpenAiCompletionModel(CompletionEndpoint<B, R, C> endpoint, HttpTransport transport, LlmTelemetry telemetry,
			CompletionDefaults defaults, StreamUsageNegotiation streamUsage, StreamLimits limits) {
		this.endpoint = endpoint;
		this.transport = transport;
		this.telemetry = telemetry;
		this.defaults = defaults;
		this.uri = transport.endpoint(defaults.endpointPath());
		this.streamUsage = streamUsage;
		this.limits = limits;
	}

	/**
	 * Create a model on the API its defaults name.
	 * @param transport the transport of the client
	 * @param telemetry the observations and meters of the client
	 * @param defaults the values used where a request leaves them unset
	 * @param streamUsage whether the service accepts {@code stream_options}, shared per
	 * client
	 * @param limits the bounds of an answer
	 * @return the model
	 */
	public static CompletionModel create(HttpTransport transport, LlmTelemetry telemetry, CompletionDefaults defaults,
			StreamUsageNegotiation streamUsage, StreamLimits limits) {
		return new OpenAiCompletionModel<>(CompletionEndpoint.of(defaults.api()), transport, telemetry, defaults,
				streamUsage, limits);
	}

	@Override
	public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
		return Mono.fromCallable(() -> LlmJson.write(this.endpoint.body().apply(request, this.defaults)))
			.flatMap((body) -> {
				Mono<CompletionResponse> answer = this.transport
					.post(this.endpoint.operation(), this.uri, body, this.endpoint.answerType())
					.map(this.endpoint.response())
					.map(this::checkToolCalls);
				return this.telemetry.observe(call(request), answer,
						(context, response) -> CompletionObservations.answer(this.telemetry, context, response));
			});
	}

	@Override
	public Flux<CompletionChunk> stream(CompletionRequest request) {
		return Mono.fromCallable(() -> this.endpoint.body().apply(request, this.defaults)).flatMapMany((body) -> {
			Flux<CompletionChunk> chunks = this.streamUsage.stream((includeUsage) -> {
				byte[] bytes = LlmJson.write(this.endpoint.streaming().apply(body, includeUsage));
				return this.transport.stream(this.endpoint.operation(), this.uri, bytes, this.endpoint.chunkType())
					.flatMapMany((opened) -> opened);
			}).transform((results) -> ChunkAssembler.assemble(this.endpoint.operation(), this.limits, results));
			return this.telemetry.observeStream(call(request), chunks, CompletionObservations::chunk);
		});
	}

	private CompletionResponse checkToolCalls(CompletionResponse response) {
		if (response.toolCalls().size() > this.limits.maxToolCalls()) {
			throw new LlmResponseException(this.endpoint.operation(),
					"answer has more than " + this.limits.maxToolCalls() + " tool calls (max-tool-calls)");
		}
		return response;
	}

	private LlmTelemetry.Call call(CompletionRequest request) {
		return CompletionObservations.call(this.endpoint.operation(), Requests.model(request, this.defaults),
				request.messages(), request.prompt());
	}

	@Override
	public String toString() {
		return "CompletionModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
