package dev.customllm.docs.snippets.rerank;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.agent.AgentBuilderFactory;
import dev.customllm.agent.Document;
import dev.customllm.agent.InMemoryVectorIndex;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of docs/reranking.md, run against the simulator.
 */
@ExtendWith(LlmSimulatorExtension.class)
class SupportSearchTests {

	private static final List<String> FAQ = List.of("Returns are free within 30 days of delivery.",
			"Orders ship within two working days.", "Gift cards never expire.",
			"To return an order, print the label from your account and drop the parcel at a post office.");

	@Test
	void keepsTheMostRelevantDocuments(LlmSimulator llm) {
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			InMemoryVectorIndex index = new InMemoryVectorIndex(client.embeddingModel("embed"));
			for (int i = 0; i < FAQ.size(); i++) {
				index.add(new Document("faq-" + i, FAQ.get(i)));
			}
			SupportSearch search = new SupportSearch(client.rerankModel("bge-reranker-v2-m3"),
					new AgentBuilderFactory(client.completionModel("any")), index);
			List<RankedDocument> best = search.best("How do I return an order?", FAQ);
			assertThat(best).hasSize(3).first().satisfies((document) -> assertThat(document.index()).isEqualTo(3));
			search.answer("How do I return an order?");
		}
		assertThat(llm.rerankRequests()).hasSize(2);
		assertThat(llm.rerankRequests().get(1).documents()).hasSize(4);
		assertThat(llm.chatRequests().get(0).json().path("messages").path(0).path("content").stringValue())
			.contains("<document id=\"faq-3\">");
	}

	@Test
	void stubsScores(LlmSimulator llm) {
		llm.rerank().answers(0.1, 0.7, 0.2, 0.9); // one score per document, by index
		try (CustomLlmClient client = CustomLlmClient.builder().baseUrl(llm.baseUrl()).build()) {
			List<RankedDocument> best = client.rerankModel("any").rerank("returns", FAQ, 2);
			assertThat(best).extracting(RankedDocument::index).containsExactly(3, 1);
		}
	}

}
