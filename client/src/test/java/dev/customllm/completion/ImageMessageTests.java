package dev.customllm.completion;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmRequest;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for messages with images ({@link ContentPart}) against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class ImageMessageTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

	private static LlmSimulator simulator;

	private static CustomLlmClient client;

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
		client = CustomLlmClient.builder().baseUrl(simulator.baseUrl()).apiKey("sk-test").maxImageBytes(64).build();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	@Test
	void sendsImagesAsContentPartsAndTextOnlyMessagesAsStrings() {
		Message question = Message.user(List.of(ContentPart.text("What is on this receipt?"),
				ContentPart.image(PNG, "image/png").withDetail("low"),
				ContentPart.imageUrl("https://example.com/receipt.jpg")));
		CompletionRequest request = CompletionRequest.builder()
			.system("Be brief.")
			.message(Message.user(List.of(ContentPart.text("First line."), ContentPart.text("Second line."))))
			.message(Message.assistant("Noted."))
			.message(question)
			.build();
		CompletionResponse response = client.completionModel("vision").complete(request);
		assertThat(response.text()).isEqualTo("Simulated answer: [2 images] What is on this receipt?");
		JsonNode messages = lastChat().json().path("messages");
		assertThat(messages.path(0).path("content").stringValue()).isEqualTo("Be brief.");
		assertThat(messages.path(1).path("content").stringValue()).isEqualTo("First line.\nSecond line.");
		JsonNode parts = messages.path(3).path("content");
		assertThat(parts.toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"What is on this receipt?\"},"
				+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
				+ Base64.getEncoder().encodeToString(PNG) + "\",\"detail\":\"low\"}},"
				+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/receipt.jpg\"}}]");
		assertThat(question.content()).isEqualTo("What is on this receipt?");
		assertThat(question.hasImages()).isTrue();
	}

	@Test
	void streamsAnswersToImages() {
		CompletionRequest request = CompletionRequest.builder()
			.message(Message.user(List.of(ContentPart.text("Describe it"), ContentPart.image(PNG, "image/png"))))
			.build();
		String text = String.join("",
				client.completionModel("vision").stream(request).map(CompletionChunk::text).collectList().block());
		assertThat(text).isEqualTo("Simulated answer: [1 image] Describe it");
		assertThat(lastChat().streamed()).isTrue();
		assertThat(lastChat().imageUrls()).singleElement().asString().startsWith("data:image/png;base64,");
	}

	@Test
	void rejectsBadImagesBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.image(new byte[0], "image/png"))
			.withMessage("image data must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.image(PNG, "image/tiff"))
			.withMessageStartingWith("mimeType must be one of [image/gif, image/jpeg, image/png, image/webp]");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.imageUrl("file:///etc/passwd"))
			.withMessageStartingWith("imageUrl must be an http, https or data URL");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.imageUrl("data:image/png,rawbytes"))
			.withMessageStartingWith("imageUrl of scheme data must be");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.imageUrl("data:text/plain;base64,QUJD"))
			.withMessageStartingWith("mimeType must be one of");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.image(PNG, "image/png").withDetail("ultra"))
			.withMessage("detail must be auto, low or high, but was 'ultra'");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.text("hi").withDetail("low"))
			.withMessage("detail applies to image parts, not to text");
		assertThatIllegalArgumentException().isThrownBy(() -> Message.user(List.of()))
			.withMessage("parts must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Message.builder()
				.role("system")
				.content("")
				.parts(List.of(ContentPart.image(PNG, "image/png")))
				.build())
			.withMessage("image parts belong in user messages, not in system messages");
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void rejectsAnImageLargerThanMaxImageBytesBeforeAnyCall() {
		byte[] large = new byte[65];
		CompletionRequest request = CompletionRequest.builder()
			.system("Be brief.")
			.message(Message.user(List.of(ContentPart.text("What is this?"), ContentPart.image(large, "image/jpeg"))))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> client.completionModel("vision").complete(request))
			.withMessage("messages[1].parts[1] is an image of 65 bytes, more than max-image-bytes (64)");
		String dataUrl = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(large);
		assertThat(ContentPart.imageUrl(dataUrl).imageBytes()).isEqualTo(65);
		CompletionRequest linked = CompletionRequest.builder()
			.message(Message.user(List.of(ContentPart.imageUrl(dataUrl))))
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.completionModel("vision").stream(linked).blockLast())
			.withMessageContaining("more than max-image-bytes (64)");
		assertThat(simulator.requests()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> CustomLlmClient.builder().maxImageBytes(0))
			.withMessage("maxImageBytes must be positive, but was 0");
	}

	@Test
	void callsToolsAboutAnImage() {
		ToolDefinition lookup = ToolDefinition.of("lookup_product", "Find a product by its name",
				tools.jackson.databind.json.JsonMapper.builder()
					.build()
					.readTree("{\"type\":\"object\","
							+ "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}"));
		CompletionRequest request = CompletionRequest.builder()
			.message(Message
				.user(List.of(ContentPart.text("Which product is this?"), ContentPart.image(PNG, "image/png"))))
			.tools(List.of(lookup))
			.build();
		CompletionResponse response = client.completionModel("vision").complete(request);
		assertThat(response.toolCalls()).singleElement()
			.satisfies((call) -> assertThat(call.name()).isEqualTo("lookup_product"));
		assertThat(lastChat().imageUrls()).hasSize(1);
	}

	private static LlmRequest lastChat() {
		List<LlmRequest> requests = simulator.chatRequests();
		return requests.get(requests.size() - 1);
	}

}
