package dev.customllm.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answer bodies of the stub, built once and then served as they are, so that serving
 * costs next to nothing: one chat completion, the events of a stream per length, one
 * Responses API answer and its event stream per length, and one embeddings answer per
 * batch size, dimensions and encoding.
 *
 * @author Custom LLM team
 */
final class StubResponses {

	private static final String CHAT = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
			+ "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
			+ "\"content\":\"The quick brown fox jumps over the lazy dog, and the benchmark measures the client.\"},"
			+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":18,\"total_tokens\":30}}";

	private static final String STRUCTURED = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
			+ "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
			+ "\"assistant\",\"content\":\"{\\\"summary\\\":\\\"The quick brown fox jumps over the lazy dog, and the "
			+ "benchmark measures the client.\\\",\\\"keywords\\\":[\\\"fox\\\",\\\"dog\\\",\\\"benchmark\\\"]}\"},"
			+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":24,\"total_tokens\":36}}";

	private static final String CHUNK = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
			+ "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
			+ "\"finish_reason\":null}]}\n\n";

	private static final String LAST_CHUNK = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
			+ "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{},"
			+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":%d,\"total_tokens\":%d}}\n\n";

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

	private static final String ANSWER_TEXT = "The quick brown fox jumps over the lazy dog, and the benchmark measures the client.";

	private static final String RESPONSE = "{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,"
			+ "\"status\":\"%s\",\"background\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":null,"
			+ "\"max_output_tokens\":null,\"model\":\"bench-model\",\"output\":[%s],\"parallel_tool_calls\":true,"
			+ "\"previous_response_id\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"service_tier\":\"default\","
			+ "\"store\":false,\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\","
			+ "\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":%s,\"user\":null,\"metadata\":{}}";

	private static final String MESSAGE = "{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"completed\","
			+ "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
			+ "\"text\":\"%s\"}]}";

	private static final String RESPONSES_USAGE = "{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0},"
			+ "\"output_tokens\":%d,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":%d}";

	private static final String TEXT_DELTA = "event: response.output_text.delta\ndata: {\"type\":"
			+ "\"response.output_text.delta\",\"sequence_number\":%d,\"item_id\":\"msg_bench\",\"output_index\":0,"
			+ "\"content_index\":0,\"delta\":\"%s\",\"logprobs\":[]}\n\n";

	private final byte[] responsesAnswer = RESPONSE
		.formatted("completed", MESSAGE.formatted(ANSWER_TEXT), RESPONSES_USAGE.formatted(18, 30))
		.getBytes(StandardCharsets.UTF_8);

	private final Map<Integer, byte[][]> responsesStreams = new ConcurrentHashMap<>();

	private final byte[] chat = CHAT.getBytes(StandardCharsets.UTF_8);

	private final byte[] structured = STRUCTURED.getBytes(StandardCharsets.UTF_8);

	private final Map<Integer, byte[][]> streams = new ConcurrentHashMap<>();

	private final Map<String, byte[]> embeddings = new ConcurrentHashMap<>();

	/**
	 * Return the body of a chat completion.
	 * @return the body
	 */
	byte[] chat() {
		return this.chat;
	}

	/**
	 * Return the body of a chat completion whose text is a JSON object, the answer to a
	 * request with a response format.
	 * @return the body
	 */
	byte[] structuredChat() {
		return this.structured;
	}

	/**
	 * Return the events of a streamed chat completion, one array per event.
	 * @param chunks the number of text chunks
	 * @return the text chunks, the last chunk with the usage, and {@code [DONE]}
	 */
	byte[][] stream(int chunks) {
		return this.streams.computeIfAbsent(chunks, StubResponses::buildStream);
	}

	/**
	 * Return the body of a Responses API answer, as OpenAI writes it.
	 * @return the body
	 */
	byte[] responsesAnswer() {
		return this.responsesAnswer;
	}

	/**
	 * Return the events of a streamed Responses API answer, one array per event, as
	 * OpenAI writes them: each with its {@code event:} line, the whole text repeated by
	 * the events that finish the message, and no {@code [DONE]}.
	 * @param chunks the number of text deltas
	 * @return the events
	 */
	byte[][] responsesStream(int chunks) {
		return this.responsesStreams.computeIfAbsent(chunks, StubResponses::buildResponsesStream);
	}

	/**
	 * Return the body of an embeddings answer.
	 * @param count the number of inputs
	 * @param dimensions the vector length
	 * @param base64 whether to encode vectors as base64 strings instead of float arrays
	 * @return the body
	 */
	byte[] embeddings(int count, int dimensions, boolean base64) {
		return this.embeddings.computeIfAbsent(count + "/" + dimensions + "/" + base64,
				(key) -> buildEmbeddings(count, dimensions, base64));
	}

	/**
	 * Return one text chunk of a paced stream, its text the moment of writing
	 * ({@link System#nanoTime()}, which every JVM on the machine reads from the same
	 * monotonic clock on Linux), so that the reader can tell how long it took.
	 * @param nanoTime the moment of writing
	 * @return the event
	 */
	static byte[] stampedChunk(long nanoTime) {
		return CHUNK.formatted("t" + nanoTime).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the last events of a paced stream: the last chunk with the usage, and
	 * {@code [DONE]}.
	 * @param chunks the number of text chunks sent before
	 * @return the events
	 */
	byte[][] streamEnd(int chunks) {
		byte[][] events = stream(chunks);
		return new byte[][] { events[chunks], events[chunks + 1] };
	}

	private static byte[][] buildStream(int chunks) {
		byte[][] events = new byte[chunks + 2][];
		for (int i = 0; i < chunks; i++) {
			events[i] = CHUNK.formatted("tok" + (i % 100) + " ").getBytes(StandardCharsets.UTF_8);
		}
		events[chunks] = LAST_CHUNK.formatted(chunks, chunks + 12).getBytes(StandardCharsets.UTF_8);
		events[chunks + 1] = DONE;
		return events;
	}

	private static byte[][] buildResponsesStream(int chunks) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < chunks; i++) {
			text.append("tok").append(i % 100).append(' ');
		}
		String message = MESSAGE.formatted(text);
		String inProgress = RESPONSE.formatted("in_progress", "", "null");
		byte[][] events = new byte[chunks + 8][];
		int sequence = 0;
		events[0] = event("response.created", sequence++, "\"response\":" + inProgress);
		events[1] = event("response.in_progress", sequence++, "\"response\":" + inProgress);
		events[2] = event("response.output_item.added", sequence++,
				"\"output_index\":0,\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"in_progress\","
						+ "\"role\":\"assistant\",\"content\":[]}");
		events[3] = event("response.content_part.added", sequence++,
				"\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\","
						+ "\"annotations\":[],\"logprobs\":[],\"text\":\"\"}");
		for (int i = 0; i < chunks; i++) {
			events[4 + i] = TEXT_DELTA.formatted(sequence++, "tok" + (i % 100) + " ").getBytes(StandardCharsets.UTF_8);
		}
		events[chunks + 4] = event("response.output_text.done", sequence++,
				"\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,\"text\":\"" + text
						+ "\",\"logprobs\":[]");
		events[chunks + 5] = event("response.content_part.done", sequence++,
				"\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\","
						+ "\"annotations\":[],\"logprobs\":[],\"text\":\"" + text + "\"}");
		events[chunks + 6] = event("response.output_item.done", sequence++, "\"output_index\":0,\"item\":" + message);
		events[chunks + 7] = event("response.completed", sequence, "\"response\":"
				+ RESPONSE.formatted("completed", message, RESPONSES_USAGE.formatted(chunks, chunks + 12)));
		return events;
	}

	private static byte[] event(String type, int sequence, String members) {
		return ("event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence + "," + members
				+ "}\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] buildEmbeddings(int count, int dimensions, boolean base64) {
		SplittableRandom random = new SplittableRandom(42);
		StringBuilder json = new StringBuilder(count * dimensions * (base64 ? 6 : 13) + 256);
		json.append("{\"object\":\"list\",\"data\":[");
		for (int index = 0; index < count; index++) {
			float[] vector = vector(random, dimensions);
			json.append((index > 0) ? "," : "").append("{\"object\":\"embedding\",\"index\":").append(index);
			json.append(",\"embedding\":");
			appendVector(json, vector, base64);
			json.append('}');
		}
		json.append("],\"model\":\"bench-embedding\",\"usage\":{\"prompt_tokens\":")
			.append(count * 8)
			.append(",\"total_tokens\":")
			.append(count * 8)
			.append("}}");
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static float[] vector(SplittableRandom random, int dimensions) {
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (random.nextDouble() * 0.2 - 0.1);
		}
		return vector;
	}

	private static void appendVector(StringBuilder json, float[] vector, boolean base64) {
		if (base64) {
			ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			bytes.asFloatBuffer().put(vector);
			json.append('"').append(Base64.getEncoder().encodeToString(bytes.array())).append('"');
			return;
		}
		json.append('[');
		for (int i = 0; i < vector.length; i++) {
			json.append((i > 0) ? "," : "").append(vector[i]);
		}
		json.append(']');
	}

}
