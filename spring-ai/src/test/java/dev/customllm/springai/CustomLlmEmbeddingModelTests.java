package dev.customllm.springai;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmApiException;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.resilience.RetrySettings;
import dev.customllm.test.LlmFault;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;
import dev.customllm.test.SimulatedEmbeddings;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CustomLlmEmbeddingModel}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmEmbeddingModelTests {

	private static LlmSimulator llm;

	private static CustomLlmClient client;

	private final CustomLlmEmbeddingModel model = new CustomLlmEmbeddingModel(client.embeddingModel("simulator"));

	@BeforeAll
	static void start(LlmSimulator simulator) {
		llm = simulator;
		client = CustomLlmClient.builder()
			.baseUrl(simulator.baseUrl())
			.embeddingDefaults(EmbeddingDefaults.builder().batchSize(2).maxConcurrency(1).build())
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	@Test
	void callReturnsTheVectorsInTheOrderOfTheTexts() {
		EmbeddingResponse response = this.model
			.call(new EmbeddingRequest(List.of("one", "two", "three"), EmbeddingOptions.builder().build()));
		assertThat(response.getResults()).extracting((embedding) -> embedding.getIndex()).containsExactly(0, 1, 2);
		assertThat(response.getResults().get(2).getOutput()).isEqualTo(SimulatedEmbeddings.embed("three", 256));
		assertThat(llm.embeddingRequests()).hasSize(2);
	}

	@Test
	void documentsAreEmbeddedWithTheClientsBatchingNotTheStrategys() {
		List<Document> documents = List.of(new Document("one"), new Document("two"), new Document("three"));
		List<float[]> vectors = this.model.embed(documents, EmbeddingOptions.builder().build(),
				new TokenCountBatchingStrategy());
		assertThat(vectors).hasSize(3);
		assertThat(vectors.get(0)).isEqualTo(SimulatedEmbeddings.embed("one", 256));
		assertThat(llm.embeddingRequests()).extracting((request) -> request.inputs())
			.containsExactly(List.of("one", "two"), List.of("three"));
	}

	@Test
	void dimensionsProbeIsTriedAgainWhenTheServiceIsDown() {
		llm.embeddings().times(2).fails(LlmFault.unavailable());
		try (CustomLlmClient noRetries = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.retry(RetrySettings.NONE)
			.build()) {
			CustomLlmEmbeddingModel probed = new CustomLlmEmbeddingModel(noRetries.embeddingModel("simulator"));
			assertThat(probed.dimensions()).isEqualTo(256);
		}
		assertThat(llm.embeddingRequests()).hasSize(3);
	}

	@Test
	void dimensionsThatCannotBeLearnedFailNamingThePropertyInsteadOfAGuess() {
		llm.embeddings().fails(LlmFault.unavailable());
		try (CustomLlmClient noRetries = CustomLlmClient.builder()
			.baseUrl(llm.baseUrl())
			.retry(RetrySettings.NONE)
			.build()) {
			CustomLlmEmbeddingModel probed = new CustomLlmEmbeddingModel(noRetries.embeddingModel("simulator"));
			assertThatIllegalStateException().isThrownBy(probed::dimensions)
				.withMessageContaining("custom.llm.embedding.dimensions")
				.withCauseInstanceOf(LlmApiException.class);
		}
		assertThat(llm.embeddingRequests()).hasSize(CustomLlmEmbeddingModel.PROBE_ATTEMPTS);
	}

	@Test
	void aRefusedProbeIsNotTriedAgain() {
		llm.embeddings().fails(LlmFault.status(404, "no such model"));
		CustomLlmEmbeddingModel probed = new CustomLlmEmbeddingModel(client.embeddingModel("simulator"));
		assertThatIllegalStateException().isThrownBy(probed::dimensions)
			.withMessageContaining("custom.llm.embedding.dimensions");
		assertThat(llm.embeddingRequests()).hasSize(1);
	}

	@Test
	void dimensionsAreMeasuredOnceWhenNotConfigured() {
		assertThat(this.model.dimensions()).isEqualTo(256);
		assertThat(this.model.dimensions()).isEqualTo(256);
		assertThat(llm.embeddingRequests()).hasSize(1);
	}

	@Test
	void configuredDimensionsNeedNoCall() {
		CustomLlmEmbeddingModel configured = new CustomLlmEmbeddingModel(client.embeddingModel("simulator"), 1024);
		assertThat(configured.dimensions()).isEqualTo(1024);
		assertThat(llm.requests()).isEmpty();
	}

	@Test
	void optionsChoosingAnotherModelAreRejected() {
		EmbeddingRequest request = new EmbeddingRequest(List.of("one"),
				EmbeddingOptions.builder().model("text-embedding-3-large").build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(request))
			.withMessageContaining("text-embedding-3-large");
		assertThat(llm.requests()).isEmpty();
	}

	@Test
	void documentsWithoutTextAreRejected() {
		Document image = Document.builder()
			.media(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.embed(image))
			.withMessageContaining("has no text");
	}

	@Test
	void vectorStoreFilledThroughTheAdapterAnswersQuestionsWithQuestionAnswerAdvisor() {
		CustomLlmEmbeddingModel embeddings = new CustomLlmEmbeddingModel(client.embeddingModel("simulator"), 256);
		SimpleVectorStore store = SimpleVectorStore.builder(embeddings).build();
		store.add(List.of(new Document("Black holes bend light around their event horizon."),
				new Document("Sourdough bread rises with a starter of wild yeast."),
				new Document("Java records are immutable data carriers.")));
		llm.chat().answers("They bend light.");
		ChatClient chatClient = ChatClient.builder(new CustomLlmChatModel(client.completionModel("simulator")))
			.defaultAdvisors(
					QuestionAnswerAdvisor.builder(store).searchRequest(SearchRequest.builder().topK(1).build()).build())
			.build();
		String answer = chatClient.prompt().user("What do black holes do to light?").call().content();
		assertThat(answer).isEqualTo("They bend light.");
		String prompt = llm.chatRequests().get(0).prompt();
		assertThat(prompt).contains("What do black holes do to light?")
			.contains("Black holes bend light around their event horizon.")
			.doesNotContain("Sourdough");
		assertThat(llm.embeddingRequests()).flatExtracting((request) -> request.inputs())
			.containsExactly("Black holes bend light around their event horizon.",
					"Sourdough bread rises with a starter of wild yeast.", "Java records are immutable data carriers.",
					"What do black holes do to light?");
	}

}
