package dev.customllm.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One answer of the simulated Responses API ({@code POST /v1/responses}), rendered whole
 * or as its typed events.
 */
final class ResponsesAnswer {

	private final String id;

	private final long number;

	@Nullable String reasoning;

	@Nullable SimulatedAnswer text;

	List<ToolCallStub> calls = List.of();

	List<String> fragments = List.of();

	int promptTokens;

	private int sequence;

	ResponsesAnswer(String id, long number) {
		this.id = id;
		this.number = number;
	}

	String status() {
		return (this.text != null && "length".equals(this.text.finishReason())) ? "incomplete" : "completed";
	}

	ObjectNode response(ObjectNode request, String status) {
		ObjectNode response = SimulatorEndpoint.json.createObjectNode();
		response.put("id", this.id).put("object", "response").put("created_at", Instant.now().getEpochSecond());
		response.put("status", status).putNull("error");
		if (status.equals("incomplete")) {
			response.putObject("incomplete_details").put("reason", "max_output_tokens");
		}
		else {
			response.putNull("incomplete_details");
		}
		if (request.path("instructions").isString()) {
			response.set("instructions", request.get("instructions"));
		}
		else {
			response.putNull("instructions");
		}
		response.put("model", SimulatorEndpoint.model(request));
		ArrayNode output = response.putArray("output");
		if (!status.equals("in_progress")) {
			items().forEach(output::add);
		}
		response.put("parallel_tool_calls", true);
		response.put("store", request.path("store").asBoolean(true));
		if (request.path("reasoning").isObject()) {
			response.set("reasoning", request.get("reasoning"));
		}
		response.set("tools",
				request.path("tools").isArray() ? request.get("tools") : SimulatorEndpoint.json.createArrayNode());
		if (status.equals("in_progress")) {
			response.putNull("usage");
		}
		else {
			response.set("usage", usage());
		}
		return response;
	}

	private List<ObjectNode> items() {
		List<ObjectNode> items = new ArrayList<>();
		if (this.reasoning != null) {
			ObjectNode item = reasoningItem();
			item.withArray("summary").addObject().put("type", "summary_text").put("text", this.reasoning);
			items.add(item);
		}
		if (this.text != null) {
			ObjectNode item = messageItem("completed");
			item.withArray("content").add(textPart(this.text.text()));
			items.add(item);
		}
		for (int i = 0; i < this.calls.size(); i++) {
			items.add(callItem(i, this.calls.get(i).argumentsJson(), "completed"));
		}
		return items;
	}

	List<ObjectNode> events(ObjectNode request, boolean cut) {
		List<ObjectNode> events = new ArrayList<>();
		events.add(event("response.created").set("response", response(request, "in_progress")));
		events.add(event("response.in_progress").set("response", response(request, "in_progress")));
		int index = 0;
		if (this.reasoning != null) {
			String itemId = "rs_sim" + this.number;
			events.add(event("response.output_item.added").put("output_index", index).set("item", reasoningItem()));
			ObjectNode part = SimulatorEndpoint.json.createObjectNode().put("type", "summary_text").put("text", "");
			events.add(summaryEvent("response.reasoning_summary_part.added", itemId, index).set("part", part));
			for (String fragment : EventStream.fragments(this.reasoning)) {
				events.add(summaryEvent("response.reasoning_summary_text.delta", itemId, index).put("delta", fragment));
			}
			events.add(summaryEvent("response.reasoning_summary_text.done", itemId, index).put("text", this.reasoning));
			events.add(summaryEvent("response.reasoning_summary_part.done", itemId, index).set("part",
					part.deepCopy().put("text", this.reasoning)));
			events.add(event("response.output_item.done").put("output_index", index).set("item", items().get(0)));
			index++;
		}
		if (this.text != null) {
			String itemId = "msg_sim" + this.number;
			events.add(event("response.output_item.added").put("output_index", index)
				.set("item", messageItem("in_progress")));
			events.add(contentEvent("response.content_part.added", itemId, index).set("part", textPart("")));
			for (String fragment : this.fragments) {
				ObjectNode delta = contentEvent("response.output_text.delta", itemId, index).put("delta", fragment);
				delta.putArray("logprobs");
				events.add(delta);
			}
			if (cut) {
				return events;
			}
			events.add(contentEvent("response.output_text.done", itemId, index).put("text", this.text.text()));
			events
				.add(contentEvent("response.content_part.done", itemId, index).set("part", textPart(this.text.text())));
			ObjectNode done = messageItem("completed");
			done.withArray("content").add(textPart(this.text.text()));
			events.add(event("response.output_item.done").put("output_index", index).set("item", done));
			index++;
		}
		for (int i = 0; i < this.calls.size(); i++, index++) {
			String arguments = this.calls.get(i).argumentsJson();
			String itemId = "fc_sim" + this.number + "_" + i;
			events.add(event("response.output_item.added").put("output_index", index)
				.set("item", callItem(i, "", "in_progress")));
			int half = arguments.length() / 2;
			for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
				events.add(event("response.function_call_arguments.delta").put("item_id", itemId)
					.put("output_index", index)
					.put("delta", piece));
			}
			events.add(event("response.function_call_arguments.done").put("item_id", itemId)
				.put("output_index", index)
				.put("arguments", arguments));
			events.add(event("response.output_item.done").put("output_index", index)
				.set("item", callItem(i, arguments, "completed")));
		}
		if (cut) {
			return events;
		}
		String status = status();
		events.add(event("response." + status).set("response", response(request, status)));
		return events;
	}

	private ObjectNode event(String type) {
		return SimulatorEndpoint.json.createObjectNode().put("type", type).put("sequence_number", this.sequence++);
	}

	private ObjectNode summaryEvent(String type, String itemId, int index) {
		return event(type).put("item_id", itemId).put("output_index", index).put("summary_index", 0);
	}

	private ObjectNode contentEvent(String type, String itemId, int index) {
		return event(type).put("item_id", itemId).put("output_index", index).put("content_index", 0);
	}

	private ObjectNode reasoningItem() {
		ObjectNode item = SimulatorEndpoint.json.createObjectNode()
			.put("type", "reasoning")
			.put("id", "rs_sim" + this.number);
		item.putArray("summary");
		return item;
	}

	private ObjectNode messageItem(String status) {
		ObjectNode item = SimulatorEndpoint.json.createObjectNode()
			.put("type", "message")
			.put("id", "msg_sim" + this.number);
		item.put("status", status).put("role", "assistant").putArray("content");
		return item;
	}

	private ObjectNode callItem(int index, String arguments, String status) {
		ToolCallStub call = this.calls.get(index);
		return SimulatorEndpoint.json.createObjectNode()
			.put("type", "function_call")
			.put("id", "fc_sim" + this.number + "_" + index)
			.put("call_id", "call_sim" + this.number + ((index > 0) ? "_" + index : ""))
			.put("name", call.name())
			.put("arguments", arguments)
			.put("status", status);
	}

	private static ObjectNode textPart(String text) {
		ObjectNode part = SimulatorEndpoint.json.createObjectNode().put("type", "output_text").put("text", text);
		part.putArray("annotations");
		return part;
	}

	private ObjectNode usage() {
		int reasoningTokens = (this.reasoning != null) ? SimulatedText.words(this.reasoning).size() : 0;
		int answerTokens = (this.text != null) ? this.text.tokens() : 0;
		for (ToolCallStub call : this.calls) {
			answerTokens += SimulatedText.words(call.argumentsJson()).size();
		}
		int output = answerTokens + reasoningTokens;
		ObjectNode usage = SimulatorEndpoint.json.createObjectNode().put("input_tokens", this.promptTokens);
		usage.putObject("input_tokens_details").put("cached_tokens", 0);
		usage.put("output_tokens", output);
		usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
		usage.put("total_tokens", this.promptTokens + output);
		return usage;
	}

}
