package dev.customllm.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankModel;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

/**
 * Tests for the {@code custom.llm.rerank.*} and
 * {@code custom.llm.completion.max-image-bytes} properties of
 * {@link CustomLlmAutoConfiguration}.
 */
@ExtendWith(LlmSimulatorExtension.class)
class RerankAndImagesAutoConfigurationTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomLlmAutoConfiguration.class));

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	private ApplicationContextRunner onSimulator() {
		return this.contextRunner.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
				"custom.llm.api-key=sk-test");
	}

	@Test
	void definesARerankModelWhenItsModelIsSet() {
		onSimulator().withPropertyValues("custom.llm.rerank.model=bge-reranker-v2-m3", "custom.llm.rerank.batch-size=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(RerankModel.class);
				List<RankedDocument> ranked = context.getBean(RerankModel.class)
					.rerank("black hole", List.of("piano lessons", "a black hole", "java records"), 1);
				assertThat(ranked).singleElement().satisfies((document) -> assertThat(document.index()).isEqualTo(1));
				assertThat(simulator.rerankRequests()).hasSize(2).allSatisfy((request) -> {
					assertThat(request.path()).isEqualTo("/v1/rerank");
					assertThat(request.model()).isEqualTo("bge-reranker-v2-m3");
				});
			});
	}

	@Test
	void definesNoRerankModelWithoutAModel() {
		onSimulator().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RerankModel.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesARerankModel() {
		onSimulator().withPropertyValues("custom.llm.rerank.model=bge")
			.withUserConfiguration(OwnRerankModel.class)
			.run((context) -> assertThat(context).getBean(RerankModel.class).isSameAs(OwnRerankModel.MODEL));
	}

	@Test
	void failsAtStartUpOnAnInvalidRerankSetting() {
		onSimulator().withPropertyValues("custom.llm.rerank.model=bge", "custom.llm.rerank.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CustomLlmConfigurationException.class)
				.hasMessageContaining("'custom.llm.rerank.batch-size'")
				.hasMessageContaining("must be at least 1, but was 0"));
	}

	@Test
	void appliesMaxImageBytesToCompletionModels() {
		onSimulator().withPropertyValues("custom.llm.completion.max-image-bytes=10B").run((context) -> {
			CompletionRequest request = CompletionRequest.builder()
				.message(Message
					.user(List.of(ContentPart.text("What is it?"), ContentPart.image(new byte[11], "image/png"))))
				.build();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(CompletionModel.class).complete(request))
				.withMessage("messages[0].parts[1] is an image of 11 bytes, more than max-image-bytes (10)");
			assertThat(simulator.requests()).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRerankModel {

		static final RerankModel MODEL = mock(RerankModel.class);

		@Bean
		RerankModel ownRerankModel() {
			return MODEL;
		}

	}

}
