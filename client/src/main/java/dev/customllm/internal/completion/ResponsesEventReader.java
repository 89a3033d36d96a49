package dev.customllm.internal.completion;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.json.StrictText;

/**
 * Reads a {@link ResponsesEvent} token by token: the members the client uses of each
 * event type, in any order, the rest skipped without building it (the output that
 * {@code response.completed} repeats in full is only scanned for function calls). Text
 * that is not a string is refused as {@link StrictText} refuses it; a value of another
 * unexpected shape is read by the mapper as the declared type, or refused. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ResponsesEventReader extends ValueDeserializer<ResponsesEvent> {

	private static final StrictText STRICT_TEXT = new StrictText();

	@Override
	public ResponsesEvent deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			token = parser.nextToken();
		}
		else if (token != JsonToken.PROPERTY_NAME && token != JsonToken.END_OBJECT) {
			return (ResponsesEvent) context.handleUnexpectedToken(ResponsesEvent.class, parser);
		}
		Event event = new Event();
		for (; token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "type" -> event.type = text(parser, context, token);
				case "delta" -> event.delta = strictText(parser, context, token);
				case "arguments" -> event.arguments = strictText(parser, context, token);
				case "output_index" -> event.outputIndex = index(parser, context, token);
				case "summary_index" -> event.summaryIndex = index(parser, context, token);
				case "item" -> item(parser, context, token, event);
				case "response" -> response(parser, context, token, event);
				case "code", "message", "param" -> event.errorMember(name, context.readTree(parser));
				default -> parser.skipChildren();
			}
		}
		return event.toEvent();
	}

	private static void item(JsonParser parser, DeserializationContext context, JsonToken token, Event event) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_OBJECT) {
			context.handleUnexpectedToken(ResponsesEvent.FunctionCall.class, parser);
			return;
		}
		String type = null;
		for (token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "type" -> type = text(parser, context, token);
				case "call_id" -> event.callId = text(parser, context, token);
				case "name" -> event.name = text(parser, context, token);
				case "arguments" -> event.itemArguments = strictText(parser, context, token);
				default -> parser.skipChildren();
			}
		}
		event.functionCall = "function_call".equals(type);
	}

	private static void response(JsonParser parser, DeserializationContext context, JsonToken token, Event event) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_OBJECT) {
			context.handleUnexpectedToken(ResponsesResult.class, parser);
			return;
		}
		for (token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			token = parser.nextToken();
			switch (name) {
				case "model" -> event.model = (token == JsonToken.VALUE_STRING) ? ModelNames.read(parser)
						: text(parser, context, token);
				case "status" -> event.status = text(parser, context, token);
				case "usage" -> event.usage = (token == JsonToken.VALUE_NULL) ? null
						: context.readValue(parser, ResponsesUsageBody.class);
				case "incomplete_details" -> event.details = (token == JsonToken.VALUE_NULL) ? null
						: context.readValue(parser, ResponsesResult.IncompleteDetails.class);
				case "error" -> event.failure = (token == JsonToken.VALUE_NULL) ? null : context.readTree(parser);
				case "output" -> output(parser, context, token, event);
				default -> parser.skipChildren();
			}
		}
	}

	/**
	 * Scan the output items of a finished response for a function call, skipping their
	 * content.
	 */
	private static void output(JsonParser parser, DeserializationContext context, JsonToken token, Event event) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token != JsonToken.START_OBJECT) {
				parser.skipChildren();
				continue;
			}
			for (token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String name = parser.currentName();
				token = parser.nextToken();
				if (name.equals("type") && token == JsonToken.VALUE_STRING
						&& "function_call".equals(parser.getString())) {
					event.calls = true;
				}
				else {
					parser.skipChildren();
				}
			}
		}
	}

	private static @Nullable Integer index(JsonParser parser, DeserializationContext context, JsonToken token) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		return (token == JsonToken.VALUE_NULL) ? null : context.readValue(parser, Integer.class);
	}

	private static @Nullable String strictText(JsonParser parser, DeserializationContext context, JsonToken token) {
		return (token == JsonToken.VALUE_NULL) ? null : STRICT_TEXT.deserialize(parser, context);
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
	private static final class Event {

		@Nullable String type;

		@Nullable String model;

		@Nullable String delta;

		@Nullable String arguments;

		@Nullable Integer outputIndex;

		@Nullable Integer summaryIndex;

		boolean functionCall;

		@Nullable String callId;

		@Nullable String name;

		@Nullable String itemArguments;

		@Nullable String status;

		@Nullable ResponsesUsageBody usage;

		ResponsesResult.@Nullable IncompleteDetails details;

		@Nullable JsonNode failure;

		boolean calls;

		@Nullable Map<String, JsonNode> errorMembers;

		void errorMember(String name, JsonNode value) {
			if (this.errorMembers == null) {
				this.errorMembers = new LinkedHashMap<>();
			}
			this.errorMembers.put(name, value);
		}

		ResponsesEvent toEvent() {
			String type = (this.type != null) ? this.type : "";
			ResponsesEvent.FunctionCall item = this.functionCall
					? new ResponsesEvent.FunctionCall(this.callId, this.name, this.itemArguments) : null;
			String finishReason = null;
			if (type.equals("response.completed") || type.equals("response.incomplete")) {
				String status = (this.status != null) ? this.status : type.substring("response.".length());
				finishReason = ResponsesResult.finishReason(status, this.details, this.calls);
			}
			return new ResponsesEvent(type, this.model, this.delta, this.outputIndex, this.summaryIndex, item,
					this.arguments, this.usage, finishReason, error(type));
		}

		private byte @Nullable [] error(String type) {
			if (type.equals("error")) {
				Map<String, JsonNode> members = (this.errorMembers != null) ? this.errorMembers : Map.of();
				return LlmJson.write(Map.of("error", members));
			}
			if (type.equals("response.failed")) {
				byte[] error = ResponsesResult.errorOf("failed", this.failure);
				return (error != null) ? error : LlmJson.write(Map.of("error", Map.of()));
			}
			return null;
		}

	}

}
