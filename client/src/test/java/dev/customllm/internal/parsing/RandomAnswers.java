package dev.customllm.internal.parsing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.internal.json.LlmJson;

/**
 * Random valid answers of an OpenAI-compatible server, as a server may write them:
 * members in any order, optional members absent or {@code null}, unknown members at every
 * level, text with escapes, control characters, non-ASCII and surrogate pairs, written
 * compact or indented, with non-ASCII characters escaped or not.
 *
 * @author Custom LLM team
 */
public final class RandomAnswers {

	private static final JsonNodeFactory NODES = LlmJson.mapper().getNodeFactory();

	private static final String[] CHARACTERS = { "a", "b", "Z", "0", " ", " ", "\"", "\\", "/", "\n", "\r", "\t",
			"\u0001", "\u001f", "\u00e9", "\u00df", "\u4e2d", "\u2028", "\ud83d\ude00", "\ud834\udd1e", "{", "}", "[",
			":", ",", "'", "<", "&" };

	private static final String[] MODELS = { "gpt-4o", "llama3.2", "Qwen/Qwen2.5-7B-Instruct",
			"m\u00f6del-\ud83e\udd16" };

	private static final String[] FINISH_REASONS = { "stop", "length", "tool_calls", "content_filter" };

	private RandomAnswers() {
	}

	/**
	 * Return a chat answer ({@code chat.completion}): one to three choices with text,
	 * tool calls or neither, usage or not.
	 * @param random the source
	 * @return its body
	 */
	public static byte[] chat(Random random) {
		Map<String, JsonNode> members = new LinkedHashMap<>();
		optional(random, members, "id", () -> NODES.stringNode("chatcmpl-" + text(random, 12)));
		optional(random, members, "model", () -> model(random));
		members.put("object", NODES.stringNode("chat.completion"));
		members.put("created", NODES.numberNode(1_700_000_000L + random.nextInt(100_000_000)));
		if (random.nextInt(10) > 0) {
			int count = 1 + random.nextInt(3);
			List<Integer> indexes = shuffled(random, count);
			ArrayNode choices = NODES.arrayNode();
			for (int index : indexes) {
				choices.add((random.nextInt(30) == 0) ? NODES.nullNode() : choice(random, index));
			}
			members.put("choices", choices);
		}
		else {
			members.put("choices", random.nextBoolean() ? NODES.arrayNode() : NODES.nullNode());
		}
		optional(random, members, "usage", () -> usage(random));
		unknown(random, members);
		return write(random, object(random, members));
	}

	private static JsonNode choice(Random random, int index) {
		Map<String, JsonNode> members = new LinkedHashMap<>();
		optional(random, members, "index", () -> NODES.numberNode(index));
		Map<String, JsonNode> message = new LinkedHashMap<>();
		optional(random, message, "role", () -> NODES.stringNode("assistant"));
		optional(random, message, "content", () -> NODES.stringNode(text(random, 60)));
		if (random.nextInt(3) == 0) {
			ArrayNode calls = NODES.arrayNode();
			for (int i = random.nextInt(4); i > 0; i--) {
				Map<String, JsonNode> function = new LinkedHashMap<>();
				optional(random, function, "name", () -> NODES.stringNode("tool_" + text(random, 5)));
				optional(random, function, "arguments", () -> NODES.stringNode(arguments(random)));
				Map<String, JsonNode> call = new LinkedHashMap<>();
				optional(random, call, "id", () -> NODES.stringNode("call_" + random.nextInt(1000)));
				optional(random, call, "type", () -> NODES.stringNode("function"));
				call.put("function", object(random, function));
				unknown(random, call);
				calls.add(object(random, call));
			}
			message.put("tool_calls", random.nextInt(10) == 0 ? NODES.nullNode() : calls);
		}
		unknown(random, message);
		members.put("message", random.nextInt(30) == 0 ? NODES.nullNode() : object(random, message));
		optional(random, members, "finish_reason", () -> NODES.stringNode(pick(random, FINISH_REASONS)));
		unknown(random, members);
		return object(random, members);
	}

	private static JsonNode usage(Random random) {
		Map<String, JsonNode> members = new LinkedHashMap<>();
		for (String name : List.of("prompt_tokens", "completion_tokens", "total_tokens")) {
			optional(random, members, name, () -> NODES
				.numberNode(random.nextBoolean() ? random.nextInt(5000) : random.nextInt(Integer.MAX_VALUE)));
		}
		unknown(random, members);
		return object(random, members);
	}

	/**
	 * Return a chat event stream ({@code chat.completion.chunk} events): text and tool
	 * call deltas, sometimes a second choice, sometimes usage in a last event without
	 * choices, comments and {@code id:} lines, {@code \n} or {@code \r\n} line ends,
	 * compact payloads on one {@code data:} line or indented ones on several, ended by
	 * {@code data: [DONE]}.
	 * @param random the source
	 * @return its body
	 */
	public static byte[] stream(Random random) {
		String end = random.nextBoolean() ? "\n" : "\r\n";
		boolean spaced = random.nextInt(5) > 0;
		String model = MODELS[random.nextInt(MODELS.length)];
		StringBuilder body = new StringBuilder();
		int events = 1 + random.nextInt(15);
		for (int i = 0; i < events; i++) {
			if (random.nextInt(8) == 0) {
				body.append(": ping").append(end).append(end);
			}
			if (random.nextInt(10) == 0) {
				body.append("id: ").append(i).append(end);
			}
			String json = new String(write(random, chunk(random, model, i, events)), StandardCharsets.UTF_8);
			for (String line : json.split("\n")) {
				body.append(spaced ? "data: " : "data:").append(line).append(end);
			}
			body.append(end);
		}
		body.append("data: [DONE]").append(end).append(end);
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static JsonNode chunk(Random random, String model, int position, int events) {
		Map<String, JsonNode> members = new LinkedHashMap<>();
		members.put("id", NODES.stringNode("chatcmpl-stream"));
		members.put("object", NODES.stringNode("chat.completion.chunk"));
		members.put("created", NODES.numberNode(1_700_000_000L));
		optional(random, members, "model", () -> NODES.stringNode(model));
		boolean usageOnly = position == events - 1 && random.nextInt(3) == 0;
		ArrayNode choices = NODES.arrayNode();
		if (!usageOnly) {
			List<Integer> indexes = shuffled(random, (random.nextInt(8) == 0) ? 2 : 1);
			for (int index : indexes) {
				choices.add(chunkChoice(random, index));
			}
		}
		members.put("choices", choices);
		if (usageOnly) {
			members.put("usage", usage(random));
		}
		else if (random.nextInt(4) == 0) {
			members.put("usage", NODES.nullNode());
		}
		unknown(random, members);
		return object(random, members);
	}

	private static JsonNode chunkChoice(Random random, int index) {
		Map<String, JsonNode> delta = new LinkedHashMap<>();
		optional(random, delta, "role", () -> NODES.stringNode("assistant"));
		optional(random, delta, "content", () -> NODES.stringNode(text(random, 20)));
		if (random.nextInt(4) == 0) {
			ArrayNode calls = NODES.arrayNode();
			Map<String, JsonNode> function = new LinkedHashMap<>();
			optional(random, function, "name", () -> NODES.stringNode("tool_" + text(random, 4)));
			optional(random, function, "arguments", () -> NODES.stringNode(text(random, 10)));
			Map<String, JsonNode> call = new LinkedHashMap<>();
			call.put("index", NODES.numberNode(random.nextInt(3)));
			optional(random, call, "id", () -> NODES.stringNode("call_" + random.nextInt(100)));
			optional(random, call, "type", () -> NODES.stringNode("function"));
			call.put("function", object(random, function));
			calls.add(object(random, call));
			delta.put("tool_calls", calls);
		}
		unknown(random, delta);
		Map<String, JsonNode> members = new LinkedHashMap<>();
		if (index != 0 || random.nextInt(5) > 0) {
			members.put("index", NODES.numberNode(index));
		}
		members.put("delta", object(random, delta));
		members.put("finish_reason",
				(random.nextInt(6) == 0) ? NODES.stringNode(pick(random, FINISH_REASONS)) : NODES.nullNode());
		unknown(random, members);
		return object(random, members);
	}

	/**
	 * Return an embeddings answer: one to six vectors of the same length, each as numbers
	 * or base64, listed in any order of their {@code index}.
	 * @param random the source
	 * @return its body
	 */
	public static byte[] embeddings(Random random) {
		int count = 1 + random.nextInt(6);
		int dimensions = 1 + random.nextInt(48);
		boolean allBase64 = random.nextBoolean();
		ArrayNode data = NODES.arrayNode();
		for (int index : shuffled(random, count)) {
			Map<String, JsonNode> item = new LinkedHashMap<>();
			item.put("object", NODES.stringNode("embedding"));
			item.put("index", NODES.numberNode(index));
			float[] vector = new float[dimensions];
			for (int i = 0; i < dimensions; i++) {
				vector[i] = value(random);
			}
			item.put("embedding", (allBase64 || random.nextInt(4) == 0) ? base64(vector) : numbers(vector));
			unknown(random, item);
			data.add(object(random, item));
		}
		Map<String, JsonNode> members = new LinkedHashMap<>();
		members.put("object", NODES.stringNode("list"));
		members.put("data", data);
		optional(random, members, "model", () -> model(random));
		optional(random, members, "usage",
				() -> NODES.objectNode()
					.put("prompt_tokens", random.nextInt(10_000))
					.put("total_tokens", random.nextInt(10_000)));
		unknown(random, members);
		return write(random, object(random, members));
	}

	private static float value(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> random.nextInt(5) - 2;
			case 1 -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(21) - 10));
			case 2 -> Math.ulp(0f) * random.nextInt(100);
			default -> (float) random.nextGaussian();
		};
	}

	private static JsonNode numbers(float[] vector) {
		ArrayNode values = NODES.arrayNode();
		for (float value : vector) {
			values.add(value);
		}
		return values;
	}

	private static JsonNode base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(vector);
		return NODES.stringNode(Base64.getEncoder().encodeToString(bytes.array()));
	}

	private static JsonNode model(Random random) {
		return NODES.stringNode((random.nextInt(4) == 0) ? text(random, 16) : pick(random, MODELS));
	}

	private static String arguments(Random random) {
		ObjectNode arguments = NODES.objectNode();
		arguments.put("city", text(random, 10));
		arguments.put("days", random.nextInt(10));
		arguments.set("nested", unknownValue(random, 0));
		return LlmJson.mapper().writeValueAsString(arguments);
	}

	/**
	 * Put a member, its value given, {@code null}, or absent.
	 */
	private static void optional(Random random, Map<String, JsonNode> members, String name,
			java.util.function.Supplier<JsonNode> value) {
		int draw = random.nextInt(10);
		if (draw < 8) {
			members.put(name, value.get());
		}
		else if (draw == 8) {
			members.put(name, NODES.nullNode());
		}
	}

	/**
	 * Add members that the client does not read, as servers add them.
	 */
	private static void unknown(Random random, Map<String, JsonNode> members) {
		for (int i = random.nextInt(3); i > 0; i--) {
			members.put("x_" + pick(random, new String[] { "logprobs", "refusal", "reasoning_content", "stats", "id" })
					+ random.nextInt(3), unknownValue(random, 0));
		}
	}

	private static JsonNode unknownValue(Random random, int depth) {
		int kind = random.nextInt((depth > 2) ? 5 : 7);
		return switch (kind) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(random.nextBoolean());
			case 2 -> NODES.numberNode(random.nextLong());
			case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
			case 4 -> NODES.stringNode(text(random, 20));
			case 5 -> {
				ArrayNode array = NODES.arrayNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					array.add(unknownValue(random, depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = NODES.objectNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.set("k" + i, unknownValue(random, depth + 1));
				}
				yield object;
			}
		};
	}

	private static String text(Random random, int maxCharacters) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(maxCharacters + 1); i > 0; i--) {
			text.append(pick(random, CHARACTERS));
		}
		return text.toString();
	}

	private static List<Integer> shuffled(Random random, int count) {
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			indexes.add(i);
		}
		Collections.shuffle(indexes, random);
		return indexes;
	}

	private static ObjectNode object(Random random, Map<String, JsonNode> members) {
		List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(members.entrySet());
		Collections.shuffle(entries, random);
		ObjectNode object = NODES.objectNode();
		entries.forEach((entry) -> object.set(entry.getKey(), entry.getValue()));
		return object;
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	private static byte[] write(Random random, JsonNode value) {
		ObjectWriter writer = LlmJson.mapper().writer();
		if (random.nextInt(4) == 0) {
			writer = writer.withDefaultPrettyPrinter();
		}
		if (random.nextInt(4) == 0) {
			writer = writer.with(JsonWriteFeature.ESCAPE_NON_ASCII);
		}
		return writer.writeValueAsBytes(value);
	}

}
