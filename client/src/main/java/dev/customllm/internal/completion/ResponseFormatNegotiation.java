package dev.customllm.internal.completion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.customllm.LlmApiException;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.internal.json.LlmJson;

/**
 * Remembers, for one client, the models for which the service refused
 * {@code response_format} {@code json_schema} (older vLLM, llama.cpp builds that answer
 * {@code Either "json_schema" or "grammar" can be specified, but not both}, gateways that
 * only know {@code json_object}). The first refusal, a 400 or 422 that names
 * {@code response_format}, {@code json_schema} or (on the Responses API)
 * {@code text.format}, is answered by sending the request again with {@code json_object}
 * and the schema in a system message, and every later request of the client for that
 * model goes that way; it is logged once per model at INFO.
 *
 * @author Custom LLM team
 */
public final class ResponseFormatNegotiation {

	static final String SCHEMA_INSTRUCTION = "Answer with only a JSON value that matches this JSON Schema, "
			+ "and nothing around it:\n";

	private static final Log logger = LogFactory.getLog(ResponseFormatNegotiation.class);

	private final Set<String> refused = ConcurrentHashMap.newKeySet();

	/**
	 * Create a negotiation that asks for {@code json_schema} until the service refuses
	 * it.
	 */
	public ResponseFormatNegotiation() {
	}

	/**
	 * Send a request, as it is or, for a model whose service refused {@code json_schema},
	 * with {@code json_object} and the schema in a system message.
	 * @param <T> the answer type
	 * @param request the request
	 * @param model the model the request is for, as sent
	 * @param send sends a request
	 * @return the answer
	 */
	<T> Mono<T> complete(CompletionRequest request, @Nullable String model, Function<CompletionRequest, Mono<T>> send) {
		if (!asksForSchema(request)) {
			return send.apply(request);
		}
		if (this.refused.contains(key(model))) {
			return send.apply(fallback(request));
		}
		return send.apply(request).onErrorResume(ResponseFormatNegotiation::isRefusal, (failure) -> {
			remember(model, (LlmApiException) failure);
			return send.apply(fallback(request));
		});
	}

	/**
	 * Start a stream as {@link #complete} sends a request; a stream is only sent again
	 * when it was refused before its first event.
	 * @param <T> the type of the stream's events
	 * @param request the request
	 * @param model the model the request is for, as sent
	 * @param send starts a stream
	 * @return the events
	 */
	<T> Flux<T> stream(CompletionRequest request, @Nullable String model, Function<CompletionRequest, Flux<T>> send) {
		if (!asksForSchema(request)) {
			return send.apply(request);
		}
		return Flux.defer(() -> {
			if (this.refused.contains(key(model))) {
				return send.apply(fallback(request));
			}
			AtomicBoolean started = new AtomicBoolean();
			return send.apply(request)
				.doOnNext((event) -> started.set(true))
				.onErrorResume((failure) -> !started.get() && isRefusal(failure), (failure) -> {
					remember(model, (LlmApiException) failure);
					return send.apply(fallback(request));
				});
		});
	}

	private static boolean asksForSchema(CompletionRequest request) {
		return request.responseFormat() != null && request.responseFormat().schema() != null;
	}

	private static String key(@Nullable String model) {
		return (model != null) ? model : "";
	}

	private void remember(@Nullable String model, LlmApiException refusal) {
		if (this.refused.add(key(model))) {
			logger.info("The service refused response_format json_schema for model " + model + " (HTTP "
					+ refusal.status() + "): this client asks it for json_object with the schema in a system message"
					+ " from now on, and checks the answers against the schema as before.");
		}
	}

	private static boolean isRefusal(Throwable failure) {
		if (!(failure instanceof LlmApiException api) || (api.status() != 400 && api.status() != 422)) {
			return false;
		}
		String text = (api.error().message() + " " + api.error().param()).toLowerCase(Locale.ROOT);
		return text.contains("response_format") || text.contains("json_schema") || text.contains("response format")
				|| text.contains("json schema") || text.contains("text.format");
	}

	/**
	 * Return the request with {@code json_object} and the schema in the system message.
	 */
	static CompletionRequest fallback(CompletionRequest request) {
		ResponseFormat format = Objects.requireNonNull(request.responseFormat(),
				"no response format to fall back from");
		Map<String, Object> schema = Objects.requireNonNull(format.schema(), "no schema to fall back from");
		String instruction = SCHEMA_INSTRUCTION + new String(LlmJson.write(schema), StandardCharsets.UTF_8);
		List<Message> messages = new ArrayList<>(request.messages());
		Message first = messages.isEmpty() ? null : messages.get(0);
		if (first != null && "system".equals(first.role()) && first.parts().isEmpty()) {
			messages.set(0, Message.system(first.content() + "\n\n" + instruction));
		}
		else {
			messages.add(0, Message.system(instruction));
		}
		return request.toBuilder().clearMessages().messages(messages).responseFormat(ResponseFormat.json()).build();
	}

}
