package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.Message;
import dev.customllm.completion.ResponseFormat;
import dev.customllm.completion.ToolDefinition;

/**
 * Body of {@code POST /responses}, OpenAI's Responses API, stateless: {@code store:
 * false} (unless the request's extra parameters say otherwise) and the whole conversation
 * sent as input items. The leading system messages become {@code instructions}; tool
 * calls and their results become {@code function_call} and {@code function_call_output}
 * items; structured output goes in {@code text.format}; a reasoning effort asks for
 * reasoning summaries too.
 *
 * @param model the model
 * @param instructions the system prompt, if any
 * @param input the conversation
 * @param temperature the sampling temperature
 * @param maxOutputTokens most tokens to generate, reasoning included
 * @param topP nucleus sampling
 * @param stream whether to stream
 * @param store whether the service keeps the response
 * @param tools the function tools
 * @param toolChoice {@code auto}, {@code none}, {@code required} or one function
 * @param text the {@code format} of structured output
 * @param reasoning the effort and summary asked of a reasoning model
 * @param extra the request's extra parameters
 * @author Custom LLM team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResponsesBody(@Nullable String model, @Nullable String instructions, List<Item> input,
		@Nullable Double temperature, @JsonProperty("max_output_tokens") @Nullable Integer maxOutputTokens,
		@JsonProperty("top_p") @Nullable Double topP, @Nullable Boolean stream, Object store,
		@Nullable List<Tool> tools, @JsonProperty("tool_choice") @Nullable Object toolChoice, @Nullable Text text,
		@Nullable Reasoning reasoning, @JsonIgnore Map<String, Object> extra) {

	private static final String API = "the Responses API (custom.llm.completion.api=responses)";

	private static final Set<String> TOOL_CHOICE_MODES = Set.of("auto", "none", "required");

	/**
	 * Members this body writes itself, which an extra parameter must not repeat;
	 * {@code store} may be overridden.
	 */
	private static final Set<String> WRITTEN = Set.of("input", "instructions", "max_output_tokens", "text",
			"reasoning");

	static ResponsesBody of(CompletionRequest request, CompletionDefaults defaults) {
		if (!request.stop().isEmpty()) {
			throw new IllegalArgumentException("stop is not supported by " + API + ": leave it unset");
		}
		if (request.seed() != null) {
			throw new IllegalArgumentException("seed is not supported by " + API + ": leave it unset");
		}
		Map<String, Object> extra = new LinkedHashMap<>(request.extra());
		for (String name : WRITTEN) {
			if (extra.containsKey(name)) {
				throw new IllegalArgumentException("extra parameter '" + name + "' is written by the client for " + API
						+ "; use the typed request options");
			}
		}
		Object store = extra.containsKey("store") ? extra.remove("store") : Boolean.FALSE;
		List<Message> messages = request.messages();
		StringBuilder instructions = null;
		int first = 0;
		while (first < messages.size() && "system".equals(messages.get(first).role())
				&& messages.get(first).parts().isEmpty()) {
			instructions = (instructions == null) ? new StringBuilder() : instructions.append("\n\n");
			instructions.append(messages.get(first).content());
			first++;
		}
		List<Item> input = new ArrayList<>(messages.size() - first + 1);
		for (int i = first; i < messages.size(); i++) {
			Item.addTo(input, messages.get(i));
		}
		if (request.prompt() != null) {
			input.add(Item.message("user", request.prompt()));
		}
		List<Tool> tools = request.tools().isEmpty() ? null : request.tools().stream().map(Tool::of).toList();
		String effort = request.reasoningEffort();
		return new ResponsesBody(Requests.model(request, defaults),
				(instructions != null) ? instructions.toString() : null, input, Requests.temperature(request, defaults),
				Requests.maxTokens(request, defaults), request.topP(), null, store, tools,
				toolChoice(request.toolChoice()), Text.of(request.responseFormat()),
				(effort != null) ? new Reasoning(effort, "auto") : null, extra);
	}

	private static @Nullable Object toolChoice(@Nullable String choice) {
		if (choice == null || TOOL_CHOICE_MODES.contains(choice)) {
			return choice;
		}
		return Map.of("type", "function", "name", choice);
	}

	/**
	 * Return a copy that asks for a stream: its events carry the usage without asking.
	 * @param includeUsage ignored
	 * @return the streaming body
	 */
	ResponsesBody streaming(boolean includeUsage) {
		return new ResponsesBody(this.model, this.instructions, this.input, this.temperature, this.maxOutputTokens,
				this.topP, true, this.store, this.tools, this.toolChoice, this.text, this.reasoning, this.extra);
	}

	@JsonAnyGetter
	Map<String, Object> extraParameters() {
		return this.extra;
	}

	/**
	 * One input item: a message ({@code role} and {@code content}), a
	 * {@code function_call} the model made, or the {@code function_call_output} that
	 * answers it.
	 *
	 * @param type {@code function_call} or {@code function_call_output}; none for a
	 * message
	 * @param role the role of a message
	 * @param content the text of a message, or its content parts
	 * @param callId the id of a tool call
	 * @param name the function a tool call calls
	 * @param arguments the JSON arguments of a tool call
	 * @param output the result of a tool call
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(@Nullable String type, @Nullable String role, @Nullable Object content,
			@JsonProperty("call_id") @Nullable String callId, @Nullable String name, @Nullable String arguments,
			@Nullable String output) {

		static Item message(String role, Object content) {
			return new Item(null, role, content, null, null, null, null);
		}

		static void addTo(List<Item> input, Message message) {
			if ("tool".equals(message.role())) {
				if (message.toolCallId() == null) {
					throw new IllegalArgumentException("a tool message needs the id of the tool call it answers");
				}
				input.add(new Item("function_call_output", null, null, message.toolCallId(), null, null,
						message.content()));
				return;
			}
			if (message.hasImages()) {
				input.add(message(message.role(), message.parts().stream().map(Part::of).toList()));
			}
			else if (!message.content().isEmpty() || message.toolCalls().isEmpty()) {
				input.add(message(message.role(), message.content()));
			}
			message.toolCalls()
				.forEach((call) -> input
					.add(new Item("function_call", null, null, call.id(), call.name(), call.arguments(), null)));
		}

	}

	/**
	 * One content part of a message with images: {@code input_text} or
	 * {@code input_image}.
	 *
	 * @param type the part's type
	 * @param text the text of a text part
	 * @param imageUrl the URL, or {@code data:} URL, of an image part
	 * @param detail the detail of an image part, {@code auto} unless asked
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Part(String type, @Nullable String text, @JsonProperty("image_url") @Nullable String imageUrl,
			@Nullable String detail) {

		static Part of(dev.customllm.completion.ContentPart part) {
			if (part.imageUrl() != null) {
				return new Part("input_image", null, part.imageUrl(), (part.detail() != null) ? part.detail() : "auto");
			}
			return new Part("input_text", part.text(), null, null);
		}

	}

	/**
	 * A function tool: {@code strict} is off, as chat completions leave it, so that any
	 * JSON Schema of arguments is accepted.
	 *
	 * @param type always {@code function}
	 * @param name the function's name
	 * @param description what it does
	 * @param parameters JSON Schema of its arguments
	 * @param strict always {@code false}
	 */
	record Tool(String type, String name, String description, JsonNode parameters, boolean strict) {

		static Tool of(ToolDefinition definition) {
			return new Tool("function", definition.name(), definition.description(), definition.parameters(), false);
		}

	}

	/**
	 * The {@code text} of a request: the {@code format} of structured output.
	 *
	 * @param format {@code json_object}, or {@code json_schema} with its schema
	 */
	record Text(Format format) {

		static @Nullable Text of(@Nullable ResponseFormat format) {
			if (format == null) {
				return null;
			}
			boolean schema = format.schema() != null && format.name() != null;
			return new Text(schema ? new Format("json_schema", format.name(), format.schema(), true)
					: new Format("json_object", null, null, null));
		}

	}

	/**
	 * A {@code text.format}.
	 *
	 * @param type {@code json_object} or {@code json_schema}
	 * @param name the name of the schema
	 * @param schema the JSON Schema
	 * @param strict whether the answer must follow the schema exactly
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Format(String type, @Nullable String name, @Nullable Map<String, Object> schema, @Nullable Boolean strict) {

	}

	/**
	 * The {@code reasoning} of a request.
	 *
	 * @param effort how hard the model reasons
	 * @param summary which reasoning summary to send back
	 */
	record Reasoning(String effort, String summary) {

	}

}
