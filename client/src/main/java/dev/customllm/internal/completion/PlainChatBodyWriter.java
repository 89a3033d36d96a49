package dev.customllm.internal.completion;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

import dev.customllm.internal.json.LlmJson;

/**
 * Writes the JSON of a plain {@link ChatCompletionBody} (messages of text, and no tools,
 * response format or extra parameters: most calls) straight with a generator, byte for
 * byte as the mapper writes it, without the mapper's serializers and their context per
 * call; any other body is written by the mapper. Thread-safe.
 *
 * @author Custom LLM team
 */
final class PlainChatBodyWriter {

	private PlainChatBodyWriter() {
	}

	/**
	 * Write a request body: a plain chat body straight, any other by the mapper.
	 * @param body the body
	 * @param inlineChars the base64 characters of the images it carries, 0 for none
	 * @return the JSON bytes
	 */
	static byte[] write(Object body, long inlineChars) {
		if (inlineChars == 0 && body instanceof ChatCompletionBody chat && isPlain(chat)) {
			return writePlain(chat);
		}
		return LlmJson.write(body, inlineChars);
	}

	static boolean isPlain(ChatCompletionBody body) {
		if (body.tools() != null || body.toolChoice() != null || body.responseFormat() != null
				|| !body.extra().isEmpty()) {
			return false;
		}
		for (MessageBody message : body.messages()) {
			if (!(message.content() == null || message.content() instanceof String)
					|| (message.toolCalls() != null && !message.toolCalls().isEmpty())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Write a plain body, its members in the order the mapper writes them: those of the
	 * record, absent ones left out.
	 */
	static byte[] writePlain(ChatCompletionBody body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = LlmJson.mapper().createGenerator(out)) {
			generator.writeStartObject();
			string(generator, "model", body.model());
			generator.writeName("messages");
			generator.writeStartArray();
			for (MessageBody message : body.messages()) {
				message(generator, message);
			}
			generator.writeEndArray();
			if (body.temperature() != null) {
				generator.writeNumberProperty("temperature", body.temperature());
			}
			if (body.maxTokens() != null) {
				generator.writeNumberProperty("max_tokens", body.maxTokens());
			}
			if (body.topP() != null) {
				generator.writeNumberProperty("top_p", body.topP());
			}
			strings(generator, "stop", body.stop());
			if (body.seed() != null) {
				generator.writeNumberProperty("seed", body.seed());
			}
			if (body.stream() != null) {
				generator.writeBooleanProperty("stream", body.stream());
			}
			if (body.streamOptions() != null) {
				generator.writeName("stream_options");
				generator.writeStartObject();
				generator.writeBooleanProperty("include_usage", body.streamOptions().includeUsage());
				generator.writeEndObject();
			}
			string(generator, "reasoning_effort", body.reasoningEffort());
			if (body.logprobs() != null) {
				generator.writeBooleanProperty("logprobs", body.logprobs());
			}
			if (body.topLogprobs() != null) {
				generator.writeNumberProperty("top_logprobs", body.topLogprobs());
			}
			generator.writeEndObject();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("request cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		return out.toByteArray();
	}

	private static void message(JsonGenerator generator, MessageBody message) {
		generator.writeStartObject();
		generator.writeStringProperty("role", message.role());
		// always written, null when a message has no text
		generator.writeStringProperty("content", (String) message.content());
		string(generator, "tool_call_id", message.toolCallId());
		string(generator, "reasoning_content", message.reasoningContent());
		generator.writeEndObject();
	}

	private static void string(JsonGenerator generator, String name, @Nullable String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

	private static void strings(JsonGenerator generator, String name, @Nullable List<String> values) {
		if (values != null) {
			generator.writeName(name);
			generator.writeStartArray();
			for (String value : values) {
				generator.writeString(value);
			}
			generator.writeEndArray();
		}
	}

}
