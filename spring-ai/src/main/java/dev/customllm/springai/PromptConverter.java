package dev.customllm.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.completion.ToolCall;
import dev.customllm.completion.ToolDefinition;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * Turns a Spring AI {@link Prompt} into a {@link CompletionRequest}: its messages in
 * order, and the options it carries (unset ones are left to the completion model's
 * defaults), an output schema of {@link StructuredOutputChatOptions} as
 * {@code response_format} {@code json_schema}.
 *
 * @author Custom LLM team
 */
final class PromptConverter {

	private static final String SCHEMA_NAME = "answer";

	private static final TypeReference<Map<String, Object>> SCHEMA_TYPE = new TypeReference<>() {
	};

	private final ToolCallingManager toolCallingManager;

	PromptConverter(ToolCallingManager toolCallingManager) {
		this.toolCallingManager = toolCallingManager;
	}

	CompletionRequest convert(List<org.springframework.ai.chat.messages.Message> messages, ChatOptions options) {
		CompletionRequest.Builder request = CompletionRequest.builder();
		messages.forEach((message) -> request.messages(messages(message)));
		applyOptions(request, options);
		if (options instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
			request.responseFormat(responseFormat(structured.getOutputSchema()));
		}
		if (options instanceof ToolCallingChatOptions toolOptions) {
			request.tools(this.toolCallingManager.resolveToolDefinitions(toolOptions)
				.stream()
				.map(PromptConverter::tool)
				.toList());
		}
		return request.build();
	}

	private static List<Message> messages(org.springframework.ai.chat.messages.Message message) {
		String text = Objects.requireNonNullElse(message.getText(), "");
		if (message.getMessageType() == MessageType.USER && hasMedia(message)) {
			return List.of(Message.user(parts(text, ((MediaContent) message).getMedia())));
		}
		rejectMedia(message);
		return switch (message.getMessageType()) {
			case SYSTEM -> List.of(Message.system(text));
			case USER -> List.of(Message.user(text));
			case ASSISTANT -> List.of(Message.assistant(text, toolCalls((AssistantMessage) message)));
			case TOOL -> ((ToolResponseMessage) message).getResponses()
				.stream()
				.map((response) -> Message.tool(response.id(), Objects.requireNonNullElse(response.responseData(), "")))
				.toList();
		};
	}

	private static boolean hasMedia(org.springframework.ai.chat.messages.Message message) {
		return message instanceof MediaContent content && !content.getMedia().isEmpty();
	}

	private static void rejectMedia(org.springframework.ai.chat.messages.Message message) {
		if (hasMedia(message)) {
			throw new IllegalArgumentException(
					"Media are sent in user messages only: the " + message.getMessageType().getValue()
							+ " message carries " + ((MediaContent) message).getMedia().size() + " media item(s)");
		}
	}

	/**
	 * A user message with media: its text, then each image as a content part (a URL as it
	 * is, bytes as a data URL). Media that are not images fail with an
	 * {@link IllegalArgumentException} naming the type, before anything is sent.
	 */
	private static List<ContentPart> parts(String text, List<Media> media) {
		List<ContentPart> parts = new ArrayList<>();
		if (!text.isEmpty()) {
			parts.add(ContentPart.text(text));
		}
		for (Media item : media) {
			parts.add(part(item));
		}
		return parts;
	}

	private static ContentPart part(Media media) {
		String mimeType = media.getMimeType().getType() + "/" + media.getMimeType().getSubtype();
		Object data = media.getData();
		if (data instanceof String url
				&& (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("data:"))) {
			return ContentPart.imageUrl(url);
		}
		return ContentPart.image(media.getDataAsByteArray(), mimeType);
	}

	private static List<ToolCall> toolCalls(AssistantMessage message) {
		return message.getToolCalls()
			.stream()
			.map((call) -> new ToolCall(call.id(), call.name(), call.arguments()))
			.toList();
	}

	private static void applyOptions(CompletionRequest.Builder request, ChatOptions options) {
		ifSet(options.getModel(), request::model);
		ifSet(options.getTemperature(), request::temperature);
		ifSet(options.getMaxTokens(), request::maxTokens);
		ifSet(options.getTopP(), request::topP);
		ifSet(options.getStopSequences(), (stop) -> request.stop(stop.toArray(String[]::new)));
		ifSet(options.getTopK(), (topK) -> request.extra("top_k", topK));
		ifSet(options.getFrequencyPenalty(), (penalty) -> request.extra("frequency_penalty", penalty));
		ifSet(options.getPresencePenalty(), (penalty) -> request.extra("presence_penalty", penalty));
	}

	private static <T> void ifSet(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	/**
	 * The {@code json_schema} response format of an output schema given as JSON text.
	 * Spring AI's schemas have no name; the format is named {@value #SCHEMA_NAME}.
	 */
	private static ResponseFormat responseFormat(String outputSchema) {
		Map<String, Object> schema;
		try {
			schema = JsonMapper.shared().readValue(outputSchema, SCHEMA_TYPE);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The output schema is not a JSON object: " + ex.getOriginalMessage(),
					ex);
		}
		if (schema == null) {
			throw new IllegalArgumentException("The output schema is not a JSON object: null");
		}
		return ResponseFormat.jsonSchema(SCHEMA_NAME, schema);
	}

	private static ToolDefinition tool(org.springframework.ai.tool.definition.ToolDefinition definition) {
		return ToolDefinition.of(definition.name(), definition.description(),
				JsonMapper.shared().readTree(definition.inputSchema()));
	}

}
