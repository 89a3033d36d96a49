package dev.customllm.internal.completion;

import dev.customllm.internal.http.HttpTransport;
import dev.customllm.internal.telemetry.LlmTelemetry;

/**
 * What the completion models of one client share: the transport, the telemetry, what the
 * service was found to refuse, and the bounds of requests and answers.
 *
 * @param transport the transport of the client
 * @param telemetry the observations and meters of the client
 * @param streamUsage whether the service accepts {@code stream_options}
 * @param responseFormats the models for which the service refused {@code json_schema}
 * @param limits the bounds of a streamed answer
 * @param maxImageBytes most bytes of one image sent inline
 * @author Custom LLM team
 */
public record CompletionContext(HttpTransport transport, LlmTelemetry telemetry, StreamUsageNegotiation streamUsage,
		ResponseFormatNegotiation responseFormats, StreamLimits limits, long maxImageBytes) {

	/**
	 * The default of {@link #maxImageBytes()}: 20 MB, OpenAI's limit per image.
	 */
	public static final long DEFAULT_MAX_IMAGE_BYTES = 20L * 1024 * 1024;

	public CompletionContext {
		if (maxImageBytes < 1) {
			throw new IllegalArgumentException("maxImageBytes must be positive, but was " + maxImageBytes);
		}
	}

}
