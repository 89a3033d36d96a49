package dev.customllm.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the {@link LlmSimulator} reads messages with image parts.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SimulatedImagesTests {

	private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

	private final LlmSimulator simulator;

	private final SimulatorHttp http;

	SimulatedImagesTests(LlmSimulator simulator) {
		this.simulator = simulator;
		this.http = new SimulatorHttp(simulator);
	}

	@Test
	void countsTheImagesOfTheQuestion() {
		JsonNode completion = this.http.postJson("/chat/completions",
				withParts("{\"type\":\"text\",\"text\":\"What is this?\"}," + image(PNG, "low") + ","
						+ image("https://example.com/cat.jpg", null)));
		assertThat(SimulatorHttp.content(completion)).isEqualTo("Simulated answer: [2 images] What is this?");
		assertThat(completion.path("usage").path("prompt_tokens").intValue()).isEqualTo(3 + 2 * 85);
		assertThat(this.simulator.requests().get(this.simulator.requests().size() - 1).imageUrls()).containsExactly(PNG,
				"https://example.com/cat.jpg");
	}

	@Test
	void rejectsImagesItCannotRead() throws Exception {
		HttpResponse<String> scheme = this.http.post("/chat/completions",
				withParts(image("ftp://example.com/a.png", null)));
		assertThat(scheme.statusCode()).isEqualTo(400);
		assertThat(scheme.body()).contains("Invalid image_url");
		HttpResponse<String> type = this.http.post("/chat/completions",
				withParts(image("data:image/tiff;base64,AAAA", null)));
		assertThat(type.statusCode()).isEqualTo(400);
		HttpResponse<String> detail = this.http.post("/chat/completions", withParts(image(PNG, "ultra")));
		assertThat(detail.statusCode()).isEqualTo(400);
		HttpResponse<String> part = this.http.post("/chat/completions", withParts("{\"type\":\"audio\"}"));
		assertThat(part.statusCode()).isEqualTo(400);
	}

	private static String withParts(String parts) {
		return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[" + parts + "]}]}";
	}

	private static String image(String url, String detail) {
		return "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\""
				+ ((detail != null) ? ",\"detail\":\"" + detail + "\"" : "") + "}}";
	}

}
