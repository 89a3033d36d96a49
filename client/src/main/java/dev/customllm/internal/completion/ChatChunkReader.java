package dev.customllm.internal.completion;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

import dev.customllm.internal.http.DirectPayloadReader;
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
final class ChatChunkReader extends ValueDeserializer<ChatChunkResult> implements DirectPayloadReader<ChatChunkResult> {

	@Override
	public ChatChunkResult deserialize(JsonParser parser, DeserializationContext context) {
		return read(parser, context);
	}

	/**
	 * Read an event from a parser of its bytes alone, without the mapper: the usual
	 * event, whose values all have the usual types and none of the rare parts (tool
	 * calls, usage, log-probabilities), is read as {@link #deserialize} reads it; any
	 * other is left to the mapper.
	 * @param parser a parser of the event's bytes, before its first token
	 * @return the event, or {@code null} when the mapper must read it
	 */
	@Override
	public @Nullable ChatChunkResult readDirectly(JsonParser parser) {
		try {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			ChatChunkResult result = read(parser, null);
			// trailing tokens are refused by the mapper
			return (parser.nextToken() == null) ? result : null;
		}
		catch (MapperNeeded ex) {
			return null;
		}
	}

	private static ChatChunkResult read(JsonParser parser, @Nullable DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			token = parser.nextToken();
		}
		else if (token != JsonToken.PROPERTY_NAME && token != JsonToken.END_OBJECT) {
			return (ChatChunkResult) mapper(context).handleUnexpectedToken(ChatChunkResult.class, parser);
		}
		Chunk chunk = new Chunk();
		for (; token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "model" -> chunk.model = model(parser, context, token);
				case "choices" -> choices(parser, context, token, chunk);
				case "usage" -> chunk.usage = (token == JsonToken.VALUE_NULL) ? null
						: mapper(context).readValue(parser, UsageBody.class);
				case "error" -> {
					if (token == JsonToken.START_OBJECT || token == JsonToken.VALUE_STRING) {
						// the service failed: the rest of the event is not read
						skipRest(parser);
						return ChatChunkResult.error();
					}
					parser.skipChildren();
				}
				default -> parser.skipChildren();
			}
		}
		Choice first = chunk.first;
		if (first == null) {
			return new ChatChunkResult(chunk.model, false, null, null, null, chunk.usage, null, null, false);
		}
		return new ChatChunkResult(chunk.model, true, first.finishReason, first.content, first.toolCalls, chunk.usage,
				ChatChoiceMessage.reasoning(first.reasoningContent, first.reasoning), first.logprobs, false);
	}

	/**
	 * Skip the value the parser is on and the fields after it, to the end of the event.
	 */
	private static void skipRest(JsonParser parser) {
		parser.skipChildren();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			parser.nextToken();
			parser.skipChildren();
		}
	}

	private static @Nullable String model(JsonParser parser, @Nullable DeserializationContext context,
			JsonToken token) {
		if (token != JsonToken.VALUE_STRING) {
			return text(parser, context, token);
		}
		return ModelNames.read(parser);
	}

	private static void choices(JsonParser parser, @Nullable DeserializationContext context, JsonToken token,
			Chunk chunk) {
		chunk.first = null;
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_ARRAY) {
			JavaType type = mapper(context).getTypeFactory().constructCollectionType(List.class, ChatChunkChoice.class);
			List<ChatChunkChoice> choices = mapper(context).readValue(parser, type);
			ChatChunkChoice first = ChunkAssembler.firstChoice(choices, ChatChunkChoice::index);
			if (first != null) {
				Choice choice = new Choice();
				choice.read(first);
				chunk.first = choice;
			}
			return;
		}
		Choice choice = null;
		for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == JsonToken.VALUE_NULL) {
				continue;
			}
			if (choice == null || choice == chunk.first) {
				choice = new Choice();
			}
			choice.clear();
			if (token == JsonToken.START_OBJECT) {
				choice(parser, context, choice);
			}
			else {
				choice.read(mapper(context).readValue(parser, ChatChunkChoice.class));
			}
			if (chunk.first == null && (choice.index == null || choice.index == 0)) {
				chunk.first = choice;
			}
		}
	}

	private static void choice(JsonParser parser, @Nullable DeserializationContext context, Choice choice) {
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "index" -> choice.index = index(parser, context, token);
				case "finish_reason" -> choice.finishReason = text(parser, context, token);
				case "delta" -> delta(parser, context, token, choice);
				case "logprobs" -> choice.logprobs = (token == JsonToken.VALUE_NULL) ? null
						: LogprobsBody.content(mapper(context).readValue(parser, LogprobsBody.class));
				default -> parser.skipChildren();
			}
		}
	}

	private static @Nullable Integer index(JsonParser parser, @Nullable DeserializationContext context,
			JsonToken token) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		return (token == JsonToken.VALUE_NULL) ? null : mapper(context).readValue(parser, Integer.class);
	}

	private static void delta(JsonParser parser, @Nullable DeserializationContext context, JsonToken token,
			Choice choice) {
		choice.delta(null);
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_OBJECT) {
			choice.delta(mapper(context).readValue(parser, ChatChunkDelta.class));
			return;
		}
		for (token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "content" -> choice.content = (token == JsonToken.VALUE_NULL) ? null : strictText(parser);
				case "tool_calls" -> choice.toolCalls = (token == JsonToken.VALUE_NULL) ? null
						: mapper(context).readValue(parser, toolCallsType(mapper(context)));
				case "reasoning_content" -> choice.reasoningContent = strictText(parser, token);
				case "reasoning" -> choice.reasoning = strictText(parser, token);
				case "role" -> text(parser, context, token);
				default -> parser.skipChildren();
			}
		}
	}

	private static @Nullable String strictText(JsonParser parser, JsonToken token) {
		return (token == JsonToken.VALUE_NULL) ? null : strictText(parser);
	}

	/**
	 * Read a text that must be a JSON string, refused as {@link StrictText} refuses
	 * anything else.
	 */
	private static String strictText(JsonParser parser) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		throw StrictText.notText(parser);
	}

	/**
	 * Return the mapper's context, for a value that only the mapper reads.
	 * @throws MapperNeeded when reading without the mapper
	 */
	private static DeserializationContext mapper(@Nullable DeserializationContext context) {
		if (context == null) {
			throw MapperNeeded.INSTANCE;
		}
		return context;
	}

	private static JavaType toolCallsType(DeserializationContext context) {
		return context.getTypeFactory().constructCollectionType(List.class, ToolCallDelta.class);
	}

	/**
	 * Read a value declared as a string: a string as it is, anything else as the mapper
	 * reads it into one.
	 */
	private static @Nullable String text(JsonParser parser, @Nullable DeserializationContext context, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		return (token == JsonToken.VALUE_NULL) ? null : mapper(context).readValue(parser, String.class);
	}

	/**
	 * What the event tells so far.
	 */
	private static final class Chunk {

		@Nullable String model;

		/** The first choice, once read. */
		@Nullable Choice first;

		@Nullable UsageBody usage;

	}

	/**
	 * One choice being read.
	 */
	private static final class Choice {

		@Nullable Integer index;

		@Nullable String finishReason;

		@Nullable String content;

		@Nullable List<ToolCallDelta> toolCalls;

		@Nullable String reasoningContent;

		@Nullable String reasoning;

		@Nullable List<TokenLogprobBody> logprobs;

		void clear() {
			this.index = null;
			this.finishReason = null;
			this.logprobs = null;
			delta(null);
		}

		void delta(@Nullable ChatChunkDelta delta) {
			this.content = (delta != null) ? delta.content() : null;
			this.toolCalls = (delta != null) ? delta.toolCalls() : null;
			this.reasoningContent = (delta != null) ? delta.reasoningContent() : null;
			this.reasoning = (delta != null) ? delta.reasoning() : null;
		}

		void read(ChatChunkChoice read) {
			this.index = read.index();
			this.finishReason = read.finishReason();
			this.logprobs = LogprobsBody.content(read.logprobs());
			delta(read.delta());
		}

	}

	/**
	 * Thrown, without a stack trace, where an event read without the mapper has a value
	 * that only the mapper reads.
	 */
	private static final class MapperNeeded extends RuntimeException {

		static final MapperNeeded INSTANCE = new MapperNeeded();

		private MapperNeeded() {
			super("the mapper reads this event", null, false, false);
		}

	}

}
