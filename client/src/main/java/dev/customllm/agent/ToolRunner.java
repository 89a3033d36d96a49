package dev.customllm.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.customllm.completion.Message;
import dev.customllm.completion.ToolCall;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.json.SchemaCheck;

/**
 * Runs the tool calls of one round concurrently, each on the bounded elastic scheduler,
 * and turns their results into {@code tool} messages, in the order of the calls. Unknown
 * tools, arguments that are not JSON or do not match the schema, and tools that throw
 * become {@code {"error": …}} results for the model.
 *
 * @author Custom LLM team
 */
final class ToolRunner {

	private static final Log logger = LogFactory.getLog(ToolRunner.class);

	private final Map<String, Tool> tools;

	/** The schema of each tool, by name. */
	private final Map<String, Map<String, Object>> schemas;

	ToolRunner(Map<String, Tool> tools) {
		this.tools = tools;
		Map<String, Map<String, Object>> schemas = new HashMap<>();
		tools.forEach((name, tool) -> schemas.put(name, schema(tool.parameters())));
		this.schemas = schemas;
	}

	/**
	 * Return a tool's schema as the maps that {@link SchemaCheck} reads, made once per
	 * agent rather than per call.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> schema(JsonNode parameters) {
		return parameters.isObject() ? LlmJson.mapper().treeToValue(parameters, Map.class) : Map.of();
	}

	Mono<List<Message>> run(List<ToolCall> calls) {
		return Flux.fromIterable(calls)
			.flatMapSequential((call) -> Mono.fromCallable(() -> Message.tool(call.id(), execute(call)))
				.subscribeOn(Schedulers.boundedElastic()))
			.collectList();
	}

	String execute(ToolCall call) {
		Tool tool = this.tools.get(call.name());
		if (tool == null) {
			return failure(call, "unknown tool '" + call.name() + "'; the tools are " + this.tools.keySet());
		}
		JsonNode arguments;
		try {
			arguments = ToolJson.parse(call.arguments());
		}
		catch (JacksonException ex) {
			return failure(call,
					"arguments of tool '" + call.name() + "' are not valid JSON: " + ex.getOriginalMessage());
		}
		List<String> problems = SchemaCheck.problems(this.schemas.getOrDefault(call.name(), Map.of()), arguments);
		if (!problems.isEmpty()) {
			return failure(call, "arguments do not match the parameters of tool '" + call.name() + "': "
					+ String.join("; ", problems));
		}
		return call(tool, call, arguments);
	}

	private String call(Tool tool, ToolCall call, JsonNode arguments) {
		try {
			return ToolJson.render(tool.call(arguments));
		}
		catch (InvalidArgumentsException ex) {
			return failure(call, "arguments do not fit tool '" + call.name() + "': " + ex.getMessage());
		}
		catch (Exception ex) {
			logger.debug("Tool '" + call.name() + "' failed", ex);
			return failure(call, "tool '" + call.name() + "' failed: " + ex);
		}
	}

	private static String failure(ToolCall call, String message) {
		logger.debug("Tool call " + call.id() + " answered with an error: " + message);
		return ToolJson.error(message);
	}

}
