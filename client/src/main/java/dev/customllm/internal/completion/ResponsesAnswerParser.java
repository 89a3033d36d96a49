package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmOperation;
import dev.customllm.internal.http.JsonAnswerParser;
import dev.customllm.internal.json.StrictText;

/**
 * Reads a Responses API answer ({@link ResponsesResult}) as its network buffers arrive,
 * with Jackson's non-blocking parser: {@code id}, {@code model}, {@code status} and the
 * {@code output} items with their {@code type}, {@code call_id}, {@code name},
 * {@code arguments} and the {@code type} and {@code text} of their {@code content} and
 * {@code summary} parts, in any order, everything else skipped (annotations,
 * log-probabilities, the request the answer echoes). The rare members ({@code usage},
 * {@code error}, {@code incomplete_details}) and any value of an unexpected shape are
 * handed to the JSON mapper as the wire records declare them, so that they are read or
 * refused as the mapper reads the whole answer; text that is not a string is refused as
 * {@link StrictText} refuses it. Not thread-safe: one instance per answer.
 *
 * @author Custom LLM team
 */
final class ResponsesAnswerParser extends JsonAnswerParser<ResponsesResult> {

	private static final TypeReference<List<ResponsesResult.OutputItem>> ITEMS = new TypeReference<>() {
	};

	private static final TypeReference<List<ResponsesResult.ContentBody>> PARTS = new TypeReference<>() {
	};

	/** In the answer's object. */
	private static final int ROOT = 1;

	/** In the {@code output} array. */
	private static final int OUTPUT = 2;

	/** In an output item. */
	private static final int ITEM = 3;

	/** In an item's {@code content} or {@code summary} array. */
	private static final int PART_ARRAY = 4;

	/** In a part. */
	private static final int PART = 5;

	private String property = "";

	private String partProperty = "";

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable String status;

	private @Nullable List<ResponsesResult.OutputItem> output;

	private @Nullable ResponsesUsageBody usage;

	private @Nullable JsonNode failure;

	private ResponsesResult.@Nullable IncompleteDetails incompleteDetails;

	private @Nullable String itemType;

	private @Nullable List<ResponsesResult.ContentBody> content;

	private @Nullable List<ResponsesResult.ContentBody> summary;

	private @Nullable String callId;

	private @Nullable String name;

	private @Nullable String arguments;

	/** The parts being read: {@code content} or {@code summary}. */
	private @Nullable List<ResponsesResult.ContentBody> parts;

	private @Nullable String partType;

	private @Nullable String partText;

	/**
	 * Create a parser for one answer.
	 * @param jsonMapper reads the values of unexpected shapes
	 */
	ResponsesAnswerParser(JsonMapper jsonMapper) {
		super(LlmOperation.CHAT, jsonMapper, ResponsesResult.class, ROOT);
	}

	@Override
	protected void read(JsonToken token) {
		switch (mode()) {
			case ROOT -> root(token);
			case OUTPUT -> output(token);
			case ITEM -> item(token);
			case PART_ARRAY -> parts(token);
			default -> part(token);
		}
	}

	private void root(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			done(new ResponsesResult(this.id, this.model, this.status, this.output, this.usage, this.failure,
					this.incompleteDetails));
			return;
		}
		switch (this.property) {
			case "id", "status" -> {
				if (isText(token)) {
					rootText(text(token));
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "model" -> {
				if (token == JsonToken.VALUE_STRING) {
					this.model = ModelNames.read(parser());
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.model = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "output" -> {
				if (token == JsonToken.START_ARRAY) {
					this.output = new ArrayList<>(2);
					mode(OUTPUT);
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.output = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "usage", "error", "incomplete_details" -> {
				if (token == JsonToken.VALUE_NULL) {
					rootValue(null);
				}
				else {
					startCapture(token, ROOT);
				}
			}
			default -> startSkip(token, ROOT);
		}
	}

	private void rootText(@Nullable String value) {
		if (this.property.equals("id")) {
			this.id = value;
		}
		else {
			this.status = value;
		}
	}

	private void rootValue(@Nullable Object value) {
		switch (this.property) {
			case "usage" -> this.usage = (ResponsesUsageBody) value;
			case "error" -> this.failure = (JsonNode) value;
			default -> this.incompleteDetails = (ResponsesResult.IncompleteDetails) value;
		}
	}

	private void output(JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			this.itemType = null;
			this.content = null;
			this.summary = null;
			this.callId = null;
			this.name = null;
			this.arguments = null;
			this.property = "";
			mode(ITEM);
		}
		else if (token == JsonToken.END_ARRAY) {
			this.property = "";
			mode(ROOT);
		}
		else if (token == JsonToken.VALUE_NULL) {
			items().add(null);
		}
		else {
			startCapture(token, OUTPUT);
		}
	}

	private void item(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			items().add(new ResponsesResult.OutputItem(this.itemType, this.content, this.summary, this.callId,
					this.name, this.arguments));
			this.property = "";
			mode(OUTPUT);
			return;
		}
		switch (this.property) {
			case "type", "call_id", "name" -> {
				if (isText(token)) {
					itemText(text(token));
				}
				else {
					startCapture(token, ITEM);
				}
			}
			case "arguments" -> {
				if (!isText(token)) {
					throw StrictText.notText(parser());
				}
				this.arguments = text(token);
			}
			case "content", "summary" -> {
				if (token == JsonToken.START_ARRAY) {
					this.parts = new ArrayList<>(1);
					mode(PART_ARRAY);
				}
				else if (token == JsonToken.VALUE_NULL) {
					itemParts(null);
				}
				else {
					startCapture(token, ITEM);
				}
			}
			default -> startSkip(token, ITEM);
		}
	}

	private void itemText(@Nullable String value) {
		switch (this.property) {
			case "type" -> this.itemType = value;
			case "call_id" -> this.callId = value;
			default -> this.name = value;
		}
	}

	private void itemParts(@Nullable List<ResponsesResult.ContentBody> value) {
		if (this.property.equals("content")) {
			this.content = value;
		}
		else {
			this.summary = value;
		}
	}

	private void parts(JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			this.partType = null;
			this.partText = null;
			this.partProperty = "";
			mode(PART);
		}
		else if (token == JsonToken.END_ARRAY) {
			itemParts(this.parts);
			this.parts = null;
			mode(ITEM);
		}
		else if (token == JsonToken.VALUE_NULL) {
			partList().add(null);
		}
		else {
			startCapture(token, PART_ARRAY);
		}
	}

	/**
	 * Read a part; its member names are kept apart from {@link #property}, which names
	 * the item's array the part belongs to.
	 */
	private void part(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.partProperty = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			partList().add(new ResponsesResult.ContentBody(this.partType, this.partText));
			this.partProperty = "";
			mode(PART_ARRAY);
			return;
		}
		switch (this.partProperty) {
			case "type" -> {
				if (isText(token)) {
					this.partType = text(token);
				}
				else {
					startCapture(token, PART);
				}
			}
			case "text" -> {
				if (!isText(token)) {
					throw StrictText.notText(parser());
				}
				this.partText = text(token);
			}
			default -> startSkip(token, PART);
		}
	}

	private static boolean isText(JsonToken token) {
		return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL;
	}

	private @Nullable String text(JsonToken token) {
		return (token == JsonToken.VALUE_STRING) ? parser().getString() : null;
	}

	@Override
	protected void captured(JsonParser values) {
		JsonMapper mapper = jsonMapper();
		switch (mode()) {
			case OUTPUT -> items().add(mapper.readValue(values, ResponsesResult.OutputItem.class));
			case ITEM -> {
				if (this.property.equals("content") || this.property.equals("summary")) {
					itemParts(mapper.readValue(values, PARTS));
				}
				else {
					itemText(mapper.readValue(values, String.class));
				}
			}
			case PART_ARRAY -> partList().add(mapper.readValue(values, ResponsesResult.ContentBody.class));
			case PART -> this.partType = mapper.readValue(values, String.class);
			default -> {
				switch (this.property) {
					case "id", "status" -> rootText(mapper.readValue(values, String.class));
					case "model" -> this.model = mapper.readValue(values, String.class);
					case "output" -> this.output = mapper.readValue(values, ITEMS);
					case "usage" -> this.usage = mapper.readValue(values, ResponsesUsageBody.class);
					case "error" -> this.failure = mapper.readValue(values, JsonNode.class);
					default ->
						this.incompleteDetails = mapper.readValue(values, ResponsesResult.IncompleteDetails.class);
				}
			}
		}
	}

	private List<ResponsesResult.OutputItem> items() {
		List<ResponsesResult.OutputItem> list = this.output;
		if (list == null) {
			list = new ArrayList<>(2);
			this.output = list;
		}
		return list;
	}

	private List<ResponsesResult.ContentBody> partList() {
		List<ResponsesResult.ContentBody> list = this.parts;
		if (list == null) {
			list = new ArrayList<>(1);
			this.parts = list;
		}
		return list;
	}

}
