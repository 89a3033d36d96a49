package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionResponse;
import dev.customllm.completion.ToolCall;
import dev.customllm.internal.http.AnswerOutcome;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.json.StrictText;
import dev.customllm.internal.resilience.TokenCount;

/**
 * Answer of {@code POST /responses}: its {@code output} items ({@code message} with
 * {@code output_text} parts, {@code reasoning} with its summary or text,
 * {@code function_call}), {@code status}, and {@code usage}. A {@code failed} answer is
 * an error ({@link #error()}), as a chat answer holding an error object is.
 *
 * @param id the response id
 * @param model the model that answered
 * @param status {@code completed}, {@code incomplete}, {@code failed}, …
 * @param output the output items
 * @param usage the token usage
 * @param failure the error of a failed response
 * @param incompleteDetails why an incomplete response stopped
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResponsesResult(@Nullable String id, @Nullable String model, @Nullable String status,
		@Nullable List<OutputItem> output, @Nullable ResponsesUsageBody usage,
		@JsonProperty("error") @Nullable JsonNode failure,
		@JsonProperty("incomplete_details") @Nullable IncompleteDetails incompleteDetails)
		implements
			TokenCount,
			AnswerOutcome {

	/**
	 * The response statuses known to be sent.
	 */
	private static final Set<String> STATUSES = Set.of("completed", "incomplete", "failed", "in_progress", "queued",
			"cancelled");

	ResponsesResult {
		// JSON null, as the mapper reads it into a JsonNode, is no error
		failure = (failure != null && failure.isNull()) ? null : failure;
	}

	@Override
	public byte @Nullable [] error() {
		return errorOf(this.status, this.failure);
	}

	static byte @Nullable [] errorOf(@Nullable String status, @Nullable JsonNode failure) {
		if (failure != null && (failure.isObject() || failure.isString())) {
			return LlmJson.write(Map.of("error", failure));
		}
		if ("failed".equals(status)) {
			return LlmJson.write(Map.of("error", Map.of("message", "response failed without an error object")));
		}
		return null;
	}

	CompletionResponse toResponse() {
		if (this.output == null) {
			throw new LlmResponseException(LlmOperation.CHAT, "answer has no output");
		}
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>(0);
		for (OutputItem item : this.output) {
			if (item != null && item.type() != null) {
				switch (item.type()) {
					case "message" -> appendAll(text, item.content(), "output_text", "");
					case "reasoning" -> {
						int before = reasoning.length();
						appendAll(reasoning, item.summary(), "summary_text", "\n\n");
						if (reasoning.length() == before) {
							appendAll(reasoning, item.content(), "reasoning_text", "\n\n");
						}
					}
					case "function_call" -> toolCalls.add(item.toToolCall());
					default -> {
						// other items (built-in tools) are not asked for
					}
				}
			}
		}
		String finishReason = finishReason(this.status, this.incompleteDetails, !toolCalls.isEmpty());
		if (text.isEmpty() && toolCalls.isEmpty()) {
			throw new LlmResponseException(LlmOperation.CHAT,
					"answer has no text and no tool calls (" + describe(this.status, finishReason) + ")");
		}
		return CompletionResponse.builder()
			.id(this.id)
			.model(this.model)
			.text(text.toString())
			.reasoning(reasoning.isEmpty() ? null : reasoning.toString())
			.finishReason(finishReason)
			.usage(ResponsesUsageBody.toUsage(this.usage))
			.toolCalls(toolCalls)
			.build();
	}

	private static void appendAll(StringBuilder builder, @Nullable List<ContentBody> parts, String type,
			String separator) {
		if (parts == null) {
			return;
		}
		for (ContentBody part : parts) {
			if (part != null && type.equals(part.type()) && part.text() != null && !part.text().isEmpty()) {
				builder.append(builder.isEmpty() ? "" : separator).append(part.text());
			}
		}
	}

	/**
	 * Return the chat finish reason that matches a response's status: {@code length} for
	 * a response cut at {@code max_output_tokens}, {@code tool_calls} when it calls
	 * tools, else {@code stop}.
	 */
	static @Nullable String finishReason(@Nullable String status, @Nullable IncompleteDetails details, boolean calls) {
		if ("incomplete".equals(status)) {
			String reason = (details != null) ? details.reason() : null;
			return "max_output_tokens".equals(reason) ? "length" : (reason != null) ? reason : "length";
		}
		if (status != null && !"completed".equals(status)) {
			return null;
		}
		return calls ? "tool_calls" : "stop";
	}

	private static String describe(@Nullable String status, @Nullable String finishReason) {
		if (status == null || "completed".equals(status) || "incomplete".equals(status)) {
			return FinishReasons.describe(finishReason);
		}
		return "status " + (STATUSES.contains(status) ? status : "unrecognized");
	}

	@Override
	public @Nullable Long usedTokens() {
		return ResponsesUsageBody.tokens(this.usage);
	}

	/**
	 * One item of {@code output}.
	 *
	 * @param type {@code message}, {@code reasoning}, {@code function_call}, …
	 * @param content the parts of a message, or the text of reasoning
	 * @param summary the summary parts of reasoning
	 * @param callId the id of a function call
	 * @param name the function a call calls
	 * @param arguments the JSON arguments of a call
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record OutputItem(@Nullable String type, @Nullable List<ContentBody> content, @Nullable List<ContentBody> summary,
			@JsonProperty("call_id") @Nullable String callId, @Nullable String name,
			@JsonDeserialize(using = StrictText.class) @Nullable String arguments) {

		ToolCall toToolCall() {
			if (this.callId == null || this.callId.isEmpty() || this.name == null || this.name.isEmpty()) {
				throw new LlmResponseException(LlmOperation.CHAT, "function call without call_id or name");
			}
			return new ToolCall(this.callId, this.name,
					(this.arguments != null && !this.arguments.isEmpty()) ? this.arguments : "{}");
		}

	}

	/**
	 * One part of a message's {@code content} ({@code output_text}, {@code refusal}), or
	 * of a reasoning item's {@code summary} ({@code summary_text}) or {@code content}
	 * ({@code reasoning_text}).
	 *
	 * @param type the part's type
	 * @param text its text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ContentBody(@Nullable String type, @JsonDeserialize(using = StrictText.class) @Nullable String text) {

	}

	/**
	 * The {@code incomplete_details} of a response.
	 *
	 * @param reason {@code max_output_tokens} or {@code content_filter}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record IncompleteDetails(@Nullable String reason) {

	}

}
