package dev.customllm.springai.docs;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.test.LlmSimulator;
import dev.customllm.test.context.AutoConfigureLlmSimulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of docs/spring-ai.md's example: Spring AI's advisors on the auto-configured
 * models, against the simulator of the test kit.
 */
@SpringBootTest
@AutoConfigureLlmSimulator
class LibraryAssistantTests {

	@Autowired
	LibraryAssistant assistant;

	@Autowired
	LlmSimulator llm;

	@Test
	void answersFromTheDocumentsAndRemembersTheConversation() {
		this.llm.chat().once().answers("It opens at 9 am.");
		this.llm.chat().answers("It closes at 6 pm.");
		assertThat(this.assistant.ask("reader-1", "When does the library open?")).isEqualTo("It opens at 9 am.");
		assertThat(this.assistant.ask("reader-1", "And when does the library close?")).isEqualTo("It closes at 6 pm.");
		JsonNode second = this.llm.chatRequests().get(1).json().path("messages");
		List<String> contents = second.values().stream().map((message) -> message.path("content").asString()).toList();
		assertThat(contents).contains("It opens at 9 am.");
		assertThat(contents.get(0)).startsWith("You answer questions about the city library");
		assertThat(contents.get(contents.size() - 1)).startsWith("And when does the library close?")
			.contains("closes at 6 pm, Monday to Saturday");
	}

}
