package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the dynamic context of an {@link Agent}.
 *
 * @author Custom LLM team
 */
@ExtendWith(LlmSimulatorExtension.class)
class DynamicContextTests {

	@Test
	void addsTheMostSimilarDocumentsInOrderOfSimilarity(LlmSimulator llm) {
		InMemoryVectorIndex index = new InMemoryVectorIndex(InMemoryVectorIndexTests.fakeModel(new ArrayList<>()));
		index.add(List.of(new Document("e", "east"), new Document("n", "north"), new Document("ne", "north-east")));
		llm.chat().answers("North.");
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			Agent agent = client.agent("m1")
				.preamble("Directions.")
				.context("Static first.")
				.dynamicContext(2, index)
				.build();
			assertThat(agent.prompt("mostly north")).isEqualTo("North.");
		}
		String system = llm.chatRequests().get(0).json().path("messages").get(0).path("content").asString();
		assertThat(system).isEqualTo("""
				Directions.

				Use these documents when they help to answer:
				<document id="doc-1">
				Static first.
				</document>
				<document id="n">
				north
				</document>
				<document id="ne">
				north-east
				</document>""");
	}

}
