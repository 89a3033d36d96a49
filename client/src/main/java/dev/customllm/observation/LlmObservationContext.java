package dev.customllm.observation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import dev.customllm.LlmOperation;

/**
 * What is known about one call to an LLM service while it is observed. It is a
 * {@link SenderContext} whose carrier is the context itself: a tracing handler
 * (Micrometer Tracing) writes its propagation headers, such as {@code traceparent}, into
 * it when the observation starts, and every HTTP attempt of the call sends them.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class LlmObservationContext extends SenderContext<LlmObservationContext> {

	private final LlmOperation operation;

	private final String providerName;

	private final @Nullable String requestModel;

	private volatile boolean cancelled;

	private @Nullable String responseModel;

	private @Nullable Integer inputTokens;

	private @Nullable Integer outputTokens;

	private @Nullable Integer cachedInputTokens;

	private @Nullable Integer reasoningOutputTokens;

	private @Nullable String prompt;

	private @Nullable String completion;

	private @Nullable Map<String, String> propagationHeaders;

	private @Nullable String route;

	private @Nullable String deployment;

	/**
	 * Create a new instance.
	 * @param operation the operation
	 * @param providerName the provider name, such as {@code custom} or a client's name
	 * @param requestModel the model asked for, if any
	 */
	public LlmObservationContext(LlmOperation operation, String providerName, @Nullable String requestModel) {
		super(LlmObservationContext::addPropagationHeader, Kind.CLIENT);
		setCarrier(this);
		this.operation = operation;
		this.providerName = providerName;
		this.requestModel = requestModel;
	}

	public LlmOperation getOperation() {
		return this.operation;
	}

	public String getProviderName() {
		return this.providerName;
	}

	public @Nullable String getRequestModel() {
		return this.requestModel;
	}

	/**
	 * Return whether the caller cancelled the call before it ended, such as a stream
	 * whose subscriber went away.
	 * @return whether the call was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Set whether the caller cancelled the call before it ended.
	 * @param cancelled whether the call was cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	public void setResponseModel(@Nullable String responseModel) {
		this.responseModel = responseModel;
	}

	public @Nullable Integer getInputTokens() {
		return this.inputTokens;
	}

	public @Nullable Integer getOutputTokens() {
		return this.outputTokens;
	}

	/**
	 * Set the token counts the service reported.
	 * @param inputTokens tokens in the input, if known
	 * @param outputTokens tokens in the output, if known
	 */
	public void setTokens(@Nullable Integer inputTokens, @Nullable Integer outputTokens) {
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
	}

	public @Nullable Integer getCachedInputTokens() {
		return this.cachedInputTokens;
	}

	public @Nullable Integer getReasoningOutputTokens() {
		return this.reasoningOutputTokens;
	}

	/**
	 * Set the details of the token counts the service reported.
	 * @param cachedInputTokens input tokens read from the service's prompt cache, part of
	 * the input tokens, if known
	 * @param reasoningOutputTokens output tokens spent reasoning, part of the output
	 * tokens, if known
	 */
	public void setTokenDetails(@Nullable Integer cachedInputTokens, @Nullable Integer reasoningOutputTokens) {
		this.cachedInputTokens = cachedInputTokens;
		this.reasoningOutputTokens = reasoningOutputTokens;
	}

	/**
	 * Return the prompt text, recorded only when content recording is enabled.
	 * @return the prompt, or {@code null}
	 */
	public @Nullable String getPrompt() {
		return this.prompt;
	}

	public void setPrompt(@Nullable String prompt) {
		this.prompt = prompt;
	}

	/**
	 * Return the completion text, recorded only when content recording is enabled.
	 * @return the completion, or {@code null}
	 */
	public @Nullable String getCompletion() {
		return this.completion;
	}

	public void setCompletion(@Nullable String completion) {
		this.completion = completion;
	}

	/**
	 * Return the route of a router that sent the call.
	 * @return the name of the route, or {@code null} when no router sent it
	 */
	public @Nullable String getRoute() {
		return this.route;
	}

	/**
	 * Return the deployment of a route that the call was sent to.
	 * @return the name of the deployment, or {@code null} when no router sent the call
	 */
	public @Nullable String getDeployment() {
		return this.deployment;
	}

	/**
	 * Set the route of a router that sent the call, and the deployment it chose.
	 * @param route the name of the route
	 * @param deployment the name of the deployment
	 */
	public void setRoute(@Nullable String route, @Nullable String deployment) {
		this.route = route;
		this.deployment = deployment;
	}

	/**
	 * Return the headers that tracing asked to send with each request of the call.
	 * @return the headers, empty when nothing is traced
	 */
	public Map<String, String> getPropagationHeaders() {
		return (this.propagationHeaders != null) ? Collections.unmodifiableMap(this.propagationHeaders) : Map.of();
	}

	/**
	 * Record a header for the requests of the call; tracing calls this when the
	 * observation starts, before any request is sent.
	 */
	private static void addPropagationHeader(@Nullable LlmObservationContext context, String name, String value) {
		if (context != null) {
			if (context.propagationHeaders == null) {
				context.propagationHeaders = new LinkedHashMap<>(4);
			}
			context.propagationHeaders.put(name, value);
		}
	}

}
