package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

import dev.customllm.internal.json.StrictText;

/**
 * Reads a {@link ChatChunkResult} token by token: one streamed event costs the parser and
 * the text it carries, not a tree of wire records. Values of the usual types are read
 * here; any other (a number where a name belongs, a choice that is not an object, and the
 * rare parts: tool calls and usage) is handed to the mapper as the wire records
 * ({@link ChatChunkChoice}, {@link ChatChunkDelta}, {@link ToolCallDelta},
 * {@link UsageBody}) declare it, so that validation is the same as theirs. Every choice
 * is read and validated; only the first counts. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ChatChunkReader extends ValueDeserializer<ChatChunkResult> {

	private static final StrictText STRICT_TEXT = new StrictText();

	@Override
	public ChatChunkResult deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			token = parser.nextToken();
		}
		else if (token != JsonToken.PROPERTY_NAME && token != JsonToken.END_OBJECT) {
			return (ChatChunkResult) context.handleUnexpectedToken(ChatChunkResult.class, parser);
		}
		Chunk chunk = new Chunk();
		for (; token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "model" -> chunk.model = model(parser, context, token);
				case "choices" -> choices(parser, context, token, chunk);
				case "usage" ->
					chunk.usage = (token == JsonToken.VALUE_NULL) ? null : context.readValue(parser, UsageBody.class);
				default -> parser.skipChildren();
			}
		}
		return new ChatChunkResult(chunk.model, chunk.hasChoice, chunk.finishReason, chunk.content, chunk.toolCalls,
				chunk.usage);
	}

	private static @Nullable String model(JsonParser parser, DeserializationContext context, JsonToken token) {
		if (token != JsonToken.VALUE_STRING) {
			return text(parser, context, token);
		}
		return ModelNames.read(parser);
	}

	private static void choices(JsonParser parser, DeserializationContext context, JsonToken token, Chunk chunk) {
		if (token == JsonToken.VALUE_NULL) {
			chunk.clearChoice();
			return;
		}
		if (token != JsonToken.START_ARRAY) {
			JavaType type = context.getTypeFactory().constructCollectionType(List.class, ChatChunkChoice.class);
			List<ChatChunkChoice> choices = context.readValue(parser, type);
			chunk.clearChoice();
			ChatChunkChoice first = ChunkAssembler.firstChoice(choices, ChatChunkChoice::index);
			if (first != null) {
				ChatChunkDelta delta = first.delta();
				chunk.choice(first.finishReason(), (delta != null) ? delta.content() : null,
						(delta != null) ? delta.toolCalls() : null);
			}
			return;
		}
		chunk.clearChoice();
		Choice choice = new Choice();
		for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == JsonToken.VALUE_NULL) {
				continue;
			}
			choice.clear();
			if (token == JsonToken.START_OBJECT) {
				choice(parser, context, choice);
			}
			else {
				ChatChunkChoice read = context.readValue(parser, ChatChunkChoice.class);
				ChatChunkDelta delta = read.delta();
				choice.index = read.index();
				choice.finishReason = read.finishReason();
				choice.content = (delta != null) ? delta.content() : null;
				choice.toolCalls = (delta != null) ? delta.toolCalls() : null;
			}
			if (!chunk.hasChoice && (choice.index == null || choice.index == 0)) {
				chunk.choice(choice.finishReason, choice.content, choice.toolCalls);
			}
		}
	}

	private static void choice(JsonParser parser, DeserializationContext context, Choice choice) {
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "index" -> choice.index = index(parser, context, token);
				case "finish_reason" -> choice.finishReason = text(parser, context, token);
				case "delta" -> delta(parser, context, token, choice);
				default -> parser.skipChildren();
			}
		}
	}

	private static @Nullable Integer index(JsonParser parser, DeserializationContext context, JsonToken token) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		return (token == JsonToken.VALUE_NULL) ? null : context.readValue(parser, Integer.class);
	}

	private static void delta(JsonParser parser, DeserializationContext context, JsonToken token, Choice choice) {
		choice.content = null;
		choice.toolCalls = null;
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_OBJECT) {
			ChatChunkDelta delta = context.readValue(parser, ChatChunkDelta.class);
			choice.content = delta.content();
			choice.toolCalls = delta.toolCalls();
			return;
		}
		for (token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "content" ->
					choice.content = (token == JsonToken.VALUE_NULL) ? null : STRICT_TEXT.deserialize(parser, context);
				case "tool_calls" -> choice.toolCalls = (token == JsonToken.VALUE_NULL) ? null
						: context.readValue(parser, toolCallsType(context));
				case "role" -> text(parser, context, token);
				default -> parser.skipChildren();
			}
		}
	}

	private static JavaType toolCallsType(DeserializationContext context) {
		return context.getTypeFactory().constructCollectionType(List.class, ToolCallDelta.class);
	}

	/**
	 * Read a value declared as a string: a string as it is, anything else as the mapper
	 * reads it into one.
	 */
	private static @Nullable String text(JsonParser parser, DeserializationContext context, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		return (token == JsonToken.VALUE_NULL) ? null : context.readValue(parser, String.class);
	}

	/**
	 * What the event tells so far.
	 */
	private static final class Chunk {

		@Nullable String model;

		boolean hasChoice;

		@Nullable String finishReason;

		@Nullable String content;

		@Nullable List<ToolCallDelta> toolCalls;

		@Nullable UsageBody usage;

		void clearChoice() {
			choice(null, null, null);
			this.hasChoice = false;
		}

		void choice(@Nullable String finishReason, @Nullable String content, @Nullable List<ToolCallDelta> toolCalls) {
			this.hasChoice = true;
			this.finishReason = finishReason;
			this.content = content;
			this.toolCalls = toolCalls;
		}

	}

	/**
	 * One choice being read.
	 */
	private static final class Choice {

		@Nullable Integer index;

		@Nullable String finishReason;

		@Nullable String content;

		@Nullable List<ToolCallDelta> toolCalls;

		void clear() {
			this.index = null;
			this.finishReason = null;
			this.content = null;
			this.toolCalls = null;
		}

	}

}
