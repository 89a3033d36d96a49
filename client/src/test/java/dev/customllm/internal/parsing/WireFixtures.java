package dev.customllm.internal.parsing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.ToolCallStub;

/**
 * The server-shaped answers that the parser differential tests read: the fixture files of
 * {@code wire-fixtures/} (from the conformance and parser tests, and the answer shapes of
 * common servers), the answers of the test kit's simulator, and random splits of their
 * bytes as the network may deliver them.
 *
 * @author Custom LLM team
 */
public final class WireFixtures {

	/** The number of random cases of each differential test. */
	public static final int CASES = 300;

	private WireFixtures() {
	}

	/**
	 * Return the seed of a test's random cases: {@code -Dparsers.seed=…} to replay one, a
	 * new one otherwise.
	 * @return the seed
	 */
	public static long seed() {
		return Long.getLong("parsers.seed", System.nanoTime());
	}

	/**
	 * Return the fixture files of a kind.
	 * @param kind {@code chat}, {@code stream} or {@code embeddings}
	 * @return the fixtures, by name
	 */
	public static List<Fixture> files(String kind) {
		URL directory = WireFixtures.class.getClassLoader().getResource("wire-fixtures/" + kind);
		if (directory == null) {
			throw new IllegalStateException("no fixtures of " + kind);
		}
		try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
			return paths.sorted().map((path) -> new Fixture(kind + "/" + path.getFileName(), read(path))).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] read(Path path) {
		try {
			return Files.readAllBytes(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the answers of the test kit's simulator to a set of requests: chat answers
	 * with text, structured JSON and tool calls, streamed or not, and embeddings as
	 * floats and base64.
	 * @param kind {@code chat}, {@code stream} or {@code embeddings}
	 * @return the answers, by the request that got them
	 */
	public static List<Fixture> simulated(String kind) {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			Requests requests = new Requests(simulator.baseUrl());
			List<Fixture> fixtures = new ArrayList<>();
			String question = "{\"role\":\"user\",\"content\":\"Tell me about the caf\u00e9s of Paris \\\"now\\\" \ud83c\udf1f\"}";
			String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
					+ "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]";
			String schema = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"Summary\","
					+ "\"schema\":{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"},"
					+ "\"keywords\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"count\":{\"type\":\"integer\"}}}}}";
			Map<String, String> chats = Map.of("text", "", "tools", "," + tools, "structured", "," + schema);
			if (kind.equals("embeddings")) {
				for (String format : List.of("float", "base64")) {
					fixtures.add(requests.post("embeddings", format, "{\"model\":\"e\",\"encoding_format\":\"" + format
							+ "\",\"dimensions\":16,\"input\":[\"one\",\"deux \u00e9\",\"\u4e09\"]}"));
				}
				simulator.embeddings().answers(new float[] { 1, 0, -0.5f }, new float[] { 1e-8f, 3.25f, -7 });
				fixtures.add(requests.post("embeddings", "stubbed", "{\"model\":\"e\",\"input\":[\"a\",\"b\"]}"));
				return fixtures;
			}
			String stream = kind.equals("stream") ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "";
			chats.forEach((name, extra) -> fixtures.add(requests.post("chat/completions", name,
					"{\"model\":\"m\",\"messages\":[" + question + "]" + extra + stream + "}")));
			simulator.chat()
				.callsTools(ToolCallStub.of("get_weather", "{\"city\":\"Paris\"}"),
						ToolCallStub.of("get_time", "{\"zone\":\"Europe/Paris\",\"exact\":true}"));
			fixtures.add(requests.post("chat/completions", "stubbed tools",
					"{\"model\":\"m\",\"messages\":[" + question + "]," + tools + stream + "}"));
			simulator.reset();
			simulator.chat().streams("Once", " upon", " a time \u00a1", "\n\"quoted\"");
			fixtures.add(requests.post("chat/completions", "stubbed fragments",
					"{\"model\":\"m\",\"messages\":[" + question + "]" + stream + "}"));
			return fixtures;
		}
	}

	/**
	 * Split bytes at random boundaries, as the network may deliver them: sometimes in
	 * pieces of a few bytes throughout, else at up to 40 random places.
	 * @param bytes the bytes
	 * @param random the source of the boundaries
	 * @return the pieces, in order
	 */
	public static List<byte[]> split(byte[] bytes, Random random) {
		List<Integer> cuts = new ArrayList<>();
		if (random.nextInt(4) == 0) {
			for (int at = 1 + random.nextInt(3); at < bytes.length; at += 1 + random.nextInt(3)) {
				cuts.add(at);
			}
		}
		else {
			int count = random.nextInt(Math.min(40, bytes.length) + 1);
			random.ints(count, 1, Math.max(2, bytes.length)).sorted().distinct().forEach(cuts::add);
		}
		List<byte[]> pieces = new ArrayList<>();
		int from = 0;
		for (int cut : cuts) {
			if (cut > from && cut < bytes.length) {
				pieces.add(java.util.Arrays.copyOfRange(bytes, from, cut));
				from = cut;
			}
		}
		pieces.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
		return pieces;
	}

	/**
	 * Return the payloads of a well-formed event stream, read the simplest way: events
	 * split at blank lines, their {@code data:} lines joined, up to {@code [DONE]}.
	 * @param body the event stream
	 * @return the JSON payloads
	 */
	public static List<byte[]> payloads(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
		List<byte[]> payloads = new ArrayList<>();
		for (String event : text.split("\n\n")) {
			StringBuilder data = null;
			for (String line : event.split("\n")) {
				if (line.startsWith("data:")) {
					String value = line.substring(5);
					value = value.startsWith(" ") ? value.substring(1) : value;
					data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				}
			}
			if (data == null || data.toString().isBlank()) {
				continue;
			}
			if (data.toString().strip().equals("[DONE]")) {
				break;
			}
			payloads.add(data.toString().getBytes(StandardCharsets.UTF_8));
		}
		return payloads;
	}

	/**
	 * Remove from an answer every member that its wire record does not declare, following
	 * the record's components (their {@link JsonProperty} names), nested records and
	 * lists of records.
	 * @param answer the answer
	 * @param record the wire record of the answer
	 * @param removed collects the names of the members removed
	 * @return the answer without them
	 */
	public static JsonNode declaredOnly(JsonNode answer, Class<?> record, Set<String> removed) {
		JsonNode copy = answer.deepCopy();
		strip(copy, record, removed);
		return copy;
	}

	private static void strip(JsonNode node, Type type, Set<String> removed) {
		if (type instanceof ParameterizedType list && node instanceof ArrayNode array) {
			array.values().forEach((item) -> strip(item, list.getActualTypeArguments()[0], removed));
			return;
		}
		if (!(type instanceof Class<?> record) || !record.isRecord() || !(node instanceof ObjectNode object)) {
			return;
		}
		Map<String, Type> declared = new java.util.HashMap<>();
		for (RecordComponent component : record.getRecordComponents()) {
			// the annotation goes to the accessor, as it does not target record
			// components
			JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
			declared.put((property != null) ? property.value() : component.getName(), component.getGenericType());
		}
		for (Iterator<String> names = object.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (declared.containsKey(name)) {
				strip(object.get(name), declared.get(name), removed);
			}
			else {
				removed.add(name);
			}
		}
		object.retain(declared.keySet());
	}

	/**
	 * One answer, as the server sent it.
	 *
	 * @param name where it comes from
	 * @param bytes its body
	 */
	public record Fixture(String name, byte[] bytes) {

		/**
		 * Return the body as text, for messages.
		 * @return the text
		 */
		public String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * Posts requests to the simulator and keeps its answers.
	 */
	private static final class Requests {

		private final HttpClient http = HttpClient.newHttpClient();

		private final String baseUrl;

		Requests(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		Fixture post(String path, String name, String body) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/" + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			try {
				HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " " + name + ": " + response.statusCode() + " "
							+ new String(response.body(), StandardCharsets.UTF_8));
				}
				return new Fixture("simulator " + path + " " + name, response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
