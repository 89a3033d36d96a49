package dev.customllm.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends raw requests to the service over HTTP/1.1 (an h2c upgrade breaks some servers),
 * so that the probes see exactly what the service answers.
 */
final class ProbeClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final ConformanceSettings settings;

	private final Duration timeout;

	ProbeClient(ConformanceSettings settings, Duration timeout) {
		this.settings = settings;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
	}

	ProbeResponse get(String path) {
		return send(request(path).GET());
	}

	ProbeResponse post(String path, JsonNode body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.settings.baseUrl() + path))
			.timeout(this.timeout);
		if (this.settings.apiKey() != null) {
			request.header("Authorization", "Bearer " + this.settings.apiKey());
		}
		return request;
	}

	private ProbeResponse send(HttpRequest.Builder request) {
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			return new ProbeResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			return ProbeResponse.failed(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ProbeResponse.failed(ex);
		}
	}

}
