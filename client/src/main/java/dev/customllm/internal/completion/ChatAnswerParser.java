package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.LlmOperation;
import dev.customllm.internal.http.JsonAnswerParser;
import dev.customllm.internal.json.StrictText;

/**
 * Reads a chat answer ({@link ChatCompletionResult}) as its network buffers arrive, with
 * Jackson's non-blocking parser fed each buffer in place: {@code id}, {@code model},
 * {@code choices} with their {@code index}, {@code message} and {@code finish_reason},
 * and {@code usage}, in any order, unknown members skipped. The shapes of a well-formed
 * answer are read here; any other value (a number where a name belongs, a choice that is
 * not an object) and the rare parts (tool calls) are handed to the JSON mapper as the
 * wire records ({@link ChatChoice}, {@link ChatChoiceMessage}, {@link ToolCallBody},
 * {@link UsageBody}) declare them, so that they are read or refused as before; text that
 * is not a string is refused as {@link StrictText} refuses it. Not thread-safe: one
 * instance per answer.
 *
 * @author Custom LLM team
 */
final class ChatAnswerParser extends JsonAnswerParser<ChatCompletionResult> {

	private static final TypeReference<List<ChatChoice>> CHOICES = new TypeReference<>() {
	};

	private static final TypeReference<List<ToolCallBody>> TOOL_CALLS = new TypeReference<>() {
	};

	/** In the answer's object. */
	private static final int ROOT = 1;

	/** In the {@code choices} array. */
	private static final int CHOICES_ARRAY = 2;

	/** In a choice. */
	private static final int CHOICE = 3;

	/** In a choice's {@code message}. */
	private static final int MESSAGE = 4;

	/** In {@code usage}. */
	private static final int USAGE = 5;

	/**
	 * In {@code usage.prompt_tokens_details} or {@code usage.completion_tokens_details}.
	 */
	private static final int USAGE_DETAILS = 6;

	private String property = "";

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable List<ChatChoice> choices;

	private @Nullable UsageBody usage;

	private @Nullable Integer index;

	private @Nullable ChatChoiceMessage message;

	private @Nullable String finishReason;

	private @Nullable LogprobsBody logprobs;

	private @Nullable String role;

	private @Nullable String content;

	private @Nullable String reasoningContent;

	private @Nullable String reasoning;

	private @Nullable List<ToolCallBody> toolCalls;

	private @Nullable Integer promptTokens;

	private @Nullable Integer completionTokens;

	private @Nullable Integer totalTokens;

	private @Nullable TokenDetailsBody promptDetails;

	private @Nullable TokenDetailsBody completionDetails;

	/** The details object being read: {@code prompt_tokens_details} or the other. */
	private String details = "";

	private @Nullable Integer cachedTokens;

	private @Nullable Integer reasoningTokens;

	/**
	 * Create a parser for one answer.
	 * @param jsonMapper reads the values of unexpected shapes
	 */
	ChatAnswerParser(JsonMapper jsonMapper) {
		super(LlmOperation.CHAT, jsonMapper, ChatCompletionResult.class, ROOT);
	}

	@Override
	protected void read(JsonToken token) {
		switch (mode()) {
			case ROOT -> root(token);
			case CHOICES_ARRAY -> choices(token);
			case CHOICE -> choice(token);
			case MESSAGE -> message(token);
			case USAGE -> usage(token);
			default -> usageDetails(token);
		}
	}

	private void root(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			done(new ChatCompletionResult(this.id, this.model, this.choices, this.usage));
			return;
		}
		switch (this.property) {
			case "id" -> {
				if (!isText(token)) {
					startCapture(token, ROOT);
				}
				else {
					this.id = text(token);
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
			case "choices" -> {
				if (token == JsonToken.START_ARRAY) {
					this.choices = new ArrayList<>(1);
					mode(CHOICES_ARRAY);
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.choices = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			case "usage" -> {
				if (token == JsonToken.START_OBJECT) {
					this.promptTokens = null;
					this.completionTokens = null;
					this.totalTokens = null;
					this.promptDetails = null;
					this.completionDetails = null;
					this.property = "";
					mode(USAGE);
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.usage = null;
				}
				else {
					startCapture(token, ROOT);
				}
			}
			default -> startSkip(token, ROOT);
		}
	}

	private void choices(JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			this.index = null;
			this.message = null;
			this.finishReason = null;
			this.logprobs = null;
			this.property = "";
			mode(CHOICE);
		}
		else if (token == JsonToken.END_ARRAY) {
			this.property = "";
			mode(ROOT);
		}
		else if (token == JsonToken.VALUE_NULL) {
			choiceList().add(null);
		}
		else {
			startCapture(token, CHOICES_ARRAY);
		}
	}

	private void choice(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			choiceList().add(new ChatChoice(this.index, this.message, this.finishReason, this.logprobs));
			this.property = "";
			mode(CHOICES_ARRAY);
			return;
		}
		switch (this.property) {
			case "index" -> {
				if (token == JsonToken.VALUE_NULL) {
					this.index = null;
				}
				else if (isInt(token)) {
					this.index = parser().getIntValue();
				}
				else {
					startCapture(token, CHOICE);
				}
			}
			case "message" -> {
				if (token == JsonToken.START_OBJECT) {
					this.role = null;
					this.content = null;
					this.toolCalls = null;
					this.reasoningContent = null;
					this.reasoning = null;
					this.property = "";
					mode(MESSAGE);
				}
				else if (token == JsonToken.VALUE_NULL) {
					this.message = null;
				}
				else {
					startCapture(token, CHOICE);
				}
			}
			case "finish_reason" -> {
				if (!isText(token)) {
					startCapture(token, CHOICE);
				}
				else {
					this.finishReason = text(token);
				}
			}
			case "logprobs" -> {
				if (token == JsonToken.VALUE_NULL) {
					this.logprobs = null;
				}
				else {
					startCapture(token, CHOICE);
				}
			}
			default -> startSkip(token, CHOICE);
		}
	}

	private void message(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			this.message = new ChatChoiceMessage(this.role, this.content, this.toolCalls, this.reasoningContent,
					this.reasoning);
			this.property = "message";
			mode(CHOICE);
			return;
		}
		switch (this.property) {
			case "role" -> {
				if (!isText(token)) {
					startCapture(token, MESSAGE);
				}
				else {
					this.role = text(token);
				}
			}
			case "content" -> {
				if (!isText(token)) {
					throw StrictText.notText(parser());
				}
				this.content = text(token);
			}
			case "reasoning_content" -> this.reasoningContent = strictText(token);
			case "reasoning" -> this.reasoning = strictText(token);
			case "tool_calls" -> {
				if (token == JsonToken.VALUE_NULL) {
					this.toolCalls = null;
				}
				else {
					startCapture(token, MESSAGE);
				}
			}
			default -> startSkip(token, MESSAGE);
		}
	}

	private void usage(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			this.usage = new UsageBody(this.promptTokens, this.completionTokens, this.totalTokens, this.promptDetails,
					this.completionDetails);
			this.property = "usage";
			mode(ROOT);
			return;
		}
		switch (this.property) {
			case "prompt_tokens", "completion_tokens", "total_tokens" -> {
				if (token == JsonToken.VALUE_NULL) {
					tokens(null);
				}
				else if (isInt(token)) {
					tokens(parser().getIntValue());
				}
				else {
					startCapture(token, USAGE);
				}
			}
			case "prompt_tokens_details", "completion_tokens_details" -> {
				if (token == JsonToken.START_OBJECT) {
					this.details = this.property;
					this.cachedTokens = null;
					this.reasoningTokens = null;
					this.property = "";
					mode(USAGE_DETAILS);
				}
				else if (token == JsonToken.VALUE_NULL) {
					details(null);
				}
				else {
					startCapture(token, USAGE);
				}
			}
			default -> startSkip(token, USAGE);
		}
	}

	private void usageDetails(JsonToken token) {
		if (token == JsonToken.PROPERTY_NAME) {
			this.property = parser().currentName();
			return;
		}
		if (token == JsonToken.END_OBJECT) {
			this.property = this.details;
			details(new TokenDetailsBody(this.cachedTokens, this.reasoningTokens));
			mode(USAGE);
			return;
		}
		switch (this.property) {
			case "cached_tokens", "reasoning_tokens" -> {
				if (token == JsonToken.VALUE_NULL) {
					detailTokens(null);
				}
				else if (isInt(token)) {
					detailTokens(parser().getIntValue());
				}
				else {
					startCapture(token, USAGE_DETAILS);
				}
			}
			default -> startSkip(token, USAGE_DETAILS);
		}
	}

	/** Set the details object named by {@link #property}. */
	private void details(@Nullable TokenDetailsBody body) {
		if (this.property.equals("prompt_tokens_details")) {
			this.promptDetails = body;
		}
		else {
			this.completionDetails = body;
		}
	}

	private void detailTokens(@Nullable Integer count) {
		if (this.property.equals("cached_tokens")) {
			this.cachedTokens = count;
		}
		else {
			this.reasoningTokens = count;
		}
	}

	private @Nullable String strictText(JsonToken token) {
		if (!isText(token)) {
			throw StrictText.notText(parser());
		}
		return text(token);
	}

	private void tokens(@Nullable Integer count) {
		switch (this.property) {
			case "prompt_tokens" -> this.promptTokens = count;
			case "completion_tokens" -> this.completionTokens = count;
			default -> this.totalTokens = count;
		}
	}

	/**
	 * Whether a token is an integer that fits an {@code int}: any other number is read by
	 * the mapper, which coerces or refuses it as before.
	 */
	private boolean isInt(JsonToken token) {
		return token == JsonToken.VALUE_NUMBER_INT && parser().getNumberType() == JsonParser.NumberType.INT;
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
			case CHOICES_ARRAY -> choiceList().add(mapper.readValue(values, ChatChoice.class));
			case CHOICE -> {
				switch (this.property) {
					case "index" -> this.index = mapper.readValue(values, Integer.class);
					case "message" -> this.message = mapper.readValue(values, ChatChoiceMessage.class);
					case "logprobs" -> this.logprobs = mapper.readValue(values, LogprobsBody.class);
					default -> this.finishReason = mapper.readValue(values, String.class);
				}
			}
			case MESSAGE -> {
				if (this.property.equals("role")) {
					this.role = mapper.readValue(values, String.class);
				}
				else {
					this.toolCalls = mapper.readValue(values, TOOL_CALLS);
				}
			}
			case USAGE -> {
				if (this.property.endsWith("_details")) {
					details(mapper.readValue(values, TokenDetailsBody.class));
				}
				else {
					tokens(mapper.readValue(values, Integer.class));
				}
			}
			case USAGE_DETAILS -> detailTokens(mapper.readValue(values, Integer.class));
			default -> {
				switch (this.property) {
					case "id" -> this.id = mapper.readValue(values, String.class);
					case "model" -> this.model = mapper.readValue(values, String.class);
					case "choices" -> this.choices = mapper.readValue(values, CHOICES);
					default -> this.usage = mapper.readValue(values, UsageBody.class);
				}
			}
		}
	}

	private List<ChatChoice> choiceList() {
		List<ChatChoice> list = this.choices;
		if (list == null) {
			list = new ArrayList<>(1);
			this.choices = list;
		}
		return list;
	}

}
