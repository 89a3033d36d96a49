package dev.customllm.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP/1.1 client of a simulator, for tests.
 */
final class SimulatorHttp {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final LlmSimulator simulator;

	SimulatorHttp(LlmSimulator simulator) {
		this.simulator = simulator;
	}

	HttpResponse<String> post(String path, String body, String... headers) throws IOException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer sk-test")
			.POST(BodyPublishers.ofString(body));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		HttpRequest request = builder.build();
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	JsonNode postJson(String path, String body) {
		try {
			return json.readTree(post(path, body).body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String contentOf(SimulatorHttp http, String body) {
		try {
			return http.post("/chat/completions", body).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String chat(String question, boolean stream) {
		return "{\"model\":\"m\",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":true},"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
	}

	static String text(String prompt, boolean stream) {
		return "{\"model\":\"m\",\"stream\":" + stream + ",\"prompt\":\"" + prompt + "\"}";
	}

	static List<JsonNode> events(String body) {
		List<JsonNode> events = new ArrayList<>();
		for (String event : body.split("\n\n")) {
			if (!event.equals("data: [DONE]")) {
				events.add(json.readTree(event.substring("data: ".length())));
			}
		}
		return events;
	}

	static String content(JsonNode completion) {
		return completion.path("choices").path(0).path("message").path("content").asString("");
	}

	static String deltas(List<JsonNode> events) {
		StringBuilder text = new StringBuilder();
		events
			.forEach((event) -> text.append(event.path("choices").path(0).path("delta").path("content").asString("")));
		return text.toString();
	}

}
