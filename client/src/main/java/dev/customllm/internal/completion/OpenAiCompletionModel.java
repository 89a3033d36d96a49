package dev.customllm.internal.completion;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionChunk;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.internal.http.AnswerParser;
import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.http.ResponseMemory;
import dev.customllm.internal.http.SecretRedactor;
import dev.customllm.internal.telemetry.LlmTelemetry;

/**
 * {@link CompletionModel} on an OpenAI-compatible endpoint:
 * {@code POST /chat/completions}, the legacy {@code POST /completions} or the Responses
 * API's {@code POST /responses}, one implementation over the {@link CompletionEndpoint}
 * that describes each wire shape.
 *
 * @param <B> the request body
 * @param <R> the answer
 * @param <C> a chunk of a streamed answer
 * @author Custom LLM team
 */
public final class OpenAiCompletionModel<B, R, C extends StreamedResult> implements CompletionModel {

	private final CompletionEndpoint<B, R, C> endpoint;

	private final CompletionContext context;

	private final CompletionDefaults defaults;

	private final URI uri;

	/**
	 * Masks the client's secrets in failures made above the transport from what the model
	 * answered: a structured answer that is not what was asked for.
	 */
	private final Function<LlmException, LlmException> masking;

	private OpenAiCompletionModel(CompletionEndpoint<B, R, C> endpoint, CompletionContext context,
			CompletionDefaults defaults) {
		this.endpoint = endpoint;
		this.context = context;
		this.defaults = defaults;
		this.uri = context.transport().endpoint(defaults.endpointPath());
		SecretRedactor redactor = new SecretRedactor(context.transport().settings());
		this.masking = (failure) -> failure.masked(redactor::redact);
	}

	/**
	 * Create a model on the API its defaults name.
	 * @param context what the models of the client share
	 * @param defaults the values used where a request leaves them unset
	 * @return the model
	 */
	public static CompletionModel create(CompletionContext context, CompletionDefaults defaults) {
		return new OpenAiCompletionModel<>(CompletionEndpoint.of(defaults.api()), context, defaults);
	}

	@Override
	public Mono<CompletionResponse> completeAsync(CompletionRequest request) {
		return Mono.defer(() -> {
			CompletionRequest checked = checkImages(request);
			return this.context.responseFormats().complete(checked, model(checked), this::send);
		});
	}

	/**
	 * Send one request: called when the call is subscribed to (or when its response
	 * format falls back), so the body is written then, without an operator of its own.
	 */
	private Mono<CompletionResponse> send(CompletionRequest request) {
		long inline = Requests.inlineImageChars(request);
		if (inline == 0) {
			return sendOnce(request, 0);
		}
		ResponseMemory memory = this.context.transport().settings().responseMemory();
		return Mono.using(() -> reserve(memory, inline), (reserved) -> sendOnce(request, inline),
				(reserved) -> memory.release(reserved));
	}

	/**
	 * Reserve the body of a request that carries images from the memory budget, before it
	 * is written: many large images at once fail fast with a client limit.
	 */
	private Long reserve(ResponseMemory memory, long inlineChars) {
		memory.reserve(inlineChars, this.endpoint.operation());
		return inlineChars;
	}

	private Mono<CompletionResponse> sendOnce(CompletionRequest request, long inline) {
		byte[] body = PlainChatBodyWriter.write(this.endpoint.body().apply(request, this.defaults), inline);
		Mono<CompletionResponse> answer = post(body).map(this::toResponse);
		return this.context.telemetry()
			.observe(call(request), answer,
					(context, response) -> CompletionObservations.answer(this.context.telemetry(), context, response));
	}

	private Mono<R> post(byte[] body) {
		HttpTransport transport = this.context.transport();
		Supplier<? extends AnswerParser<R>> parsers = this.endpoint.parsers();
		if (parsers != null) {
			return transport.post(this.endpoint.operation(), this.uri, body, parsers);
		}
		return transport.post(this.endpoint.operation(), this.uri, body, this.endpoint.answerType());
	}

	private CompletionResponse toResponse(R result) {
		CompletionResponse response = checkToolCalls(this.endpoint.response().apply(result));
		return this.defaults.splitThinkTags() ? ThinkTags.split(response) : response;
	}

	/**
	 * {@inheritDoc} Its failures, built from what the model answered, have the client's
	 * secrets masked.
	 */
	@Override
	public <T> Mono<T> completeAsync(CompletionRequest request, Class<T> type) {
		return CompletionModel.super.completeAsync(request, type).onErrorMap(LlmException.class, this.masking);
	}

	@Override
	public Flux<CompletionChunk> stream(CompletionRequest request) {
		return Mono.fromCallable(() -> checkImages(request))
			.flatMapMany((checked) -> this.context.responseFormats().stream(checked, model(checked), this::streamOnce));
	}

	private Flux<CompletionChunk> streamOnce(CompletionRequest request) {
		long inline = Requests.inlineImageChars(request);
		if (inline == 0) {
			return streamOnce(request, 0);
		}
		ResponseMemory memory = this.context.transport().settings().responseMemory();
		return Flux.using(() -> reserve(memory, inline), (reserved) -> streamOnce(request, inline),
				(reserved) -> memory.release(reserved));
	}

	private Flux<CompletionChunk> streamOnce(CompletionRequest request, long inline) {
		return Mono.fromCallable(() -> this.endpoint.body().apply(request, this.defaults)).flatMapMany((body) -> {
			Flux<CompletionChunk> chunks = this.context.streamUsage().stream((includeUsage) -> {
				byte[] bytes = PlainChatBodyWriter.write(this.endpoint.streaming().apply(body, includeUsage), inline);
				return this.context.transport()
					.stream(this.endpoint.operation(), this.uri, bytes, this.endpoint.chunkType())
					.flatMapMany((opened) -> opened);
			})
				.transform(
						(results) -> ChunkAssembler.assemble(this.endpoint.operation(), this.context.limits(), results))
				.transform((assembled) -> this.defaults.splitThinkTags() ? ThinkTags.split(assembled) : assembled);
			return this.context.telemetry().observeStream(call(request), chunks, CompletionObservations::chunk);
		});
	}

	private CompletionRequest checkImages(CompletionRequest request) {
		List<Message> messages = request.messages();
		for (int i = 0; i < messages.size(); i++) {
			List<ContentPart> parts = messages.get(i).parts();
			for (int j = 0; j < parts.size(); j++) {
				long bytes = parts.get(j).imageBytes();
				if (bytes > this.context.maxImageBytes()) {
					throw new IllegalArgumentException("messages[" + i + "].parts[" + j + "] is an image of " + bytes
							+ " bytes, more than max-image-bytes (" + this.context.maxImageBytes() + ")");
				}
			}
		}
		return request;
	}

	private CompletionResponse checkToolCalls(CompletionResponse response) {
		int maxToolCalls = this.context.limits().maxToolCalls();
		if (response.toolCalls().size() > maxToolCalls) {
			throw new LlmResponseException(this.endpoint.operation(),
					"answer has more than " + maxToolCalls + " tool calls (max-tool-calls)");
		}
		return response;
	}

	private @Nullable String model(CompletionRequest request) {
		return Requests.model(request, this.defaults);
	}

	private LlmTelemetry.Call call(CompletionRequest request) {
		return CompletionObservations.call(this.endpoint.operation(), model(request), request.messages(),
				request.prompt());
	}

	@Override
	public String toString() {
		return "CompletionModel[" + this.uri + ", model=" + this.defaults.model() + "]";
	}

}
