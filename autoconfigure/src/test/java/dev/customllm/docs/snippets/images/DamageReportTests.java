package dev.customllm.docs.snippets.images;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/images.md, run against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class DamageReportTests {

	@Test
	void sendsThePhotoWithTheQuestion(LlmSimulator llm) {
		byte[] photo = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0 };
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			String answer = new DamageReport(client.completionModel("vision")).describe(photo);
			assertThat(answer).isEqualTo("Simulated answer: [1 image] What is damaged in this photo?");
		}
		assertThat(llm.chatRequests().get(0).imageUrls()).containsExactly("data:image/jpeg;base64,/9j/4A==");
	}

}
