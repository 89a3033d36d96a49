package dev.customllm.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.customllm.CustomLlmClient;
import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link EmbeddingRouter} against two simulated replicas.
 */
class EmbeddingRouterTests {

	private static RoutedDeployments deployments;

	@BeforeAll
	static void start() {
		deployments = new RoutedDeployments("replica-1", "replica-2");
	}

	@AfterAll
	static void stop() {
		deployments.close();
	}

	@BeforeEach
	void reset() {
		deployments.simulated.reset();
		deployments.meters.clear();
	}

	private static EmbeddingModel model(String deployment) {
		return deployments.clients.get(deployment).embeddingModel("bge-m3");
	}

	@Test
	void tenThousandTextsAreSpreadOverBothReplicasAndComeBackInOrder() {
		EmbeddingRouter router = EmbeddingRouter.builder()
			.name("vectors")
			.deployment("replica-1", model("replica-1"))
			.deployment("replica-2", model("replica-2"))
			.build();
		List<String> texts = IntStream.range(0, 10_000).mapToObj((i) -> "text number " + i).toList();
		List<Embedding> embeddings = router.embedAll(texts);
		assertThat(embeddings).hasSize(10_000);
		assertThat(embeddings).extracting(Embedding::index)
			.containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
		// the simulator's vectors depend on the text: each must be the vector of its own
		// text
		for (int i : new int[] { 0, 1, 4_999, 9_999 }) {
			assertThat(embeddings.get(i).vector()).isEqualTo(model("replica-1").embed(texts.get(i)).vector());
		}
		assertThat(deployments.simulated.deployment("replica-1").embeddingRequests()).isNotEmpty();
		assertThat(deployments.simulated.deployment("replica-2").embeddingRequests()).isNotEmpty();
	}

	@Test
	void vectorsOfManySlicesComeBackInOrderAsTheArraysTheDeploymentsHandedOver() {
		List<float[]> handedOver = new CopyOnWriteArrayList<>();
		EmbeddingModel recording = new EmbeddingModel() {

			@Override
			public Mono<List<Embedding>> embedAllAsync(List<String> texts) {
				return model("replica-1").embedAllAsync(texts);
			}

			@Override
			public Mono<List<float[]>> embedAllVectorsAsync(List<String> texts) {
				return model("replica-1").embedAllVectorsAsync(texts).doOnNext(handedOver::addAll);
			}

		};
		EmbeddingRouter router = EmbeddingRouter.builder()
			.name("vectors")
			.deployment("only", recording)
			.batchSize(7)
			.build();
		List<String> texts = IntStream.range(0, 50).mapToObj((i) -> "text number " + i).toList();
		List<float[]> vectors = router.embedAllVectors(texts);
		assertThat(vectors).hasSize(50);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i)).isEqualTo(model("replica-1").embed(texts.get(i)).vector());
			float[] vector = vectors.get(i);
			assertThat(handedOver).anySatisfy((array) -> assertThat(array).isSameAs(vector));
		}
	}

	@Test
	void embeddingsOfManySlicesShareTheirVectorsWithTheSlicesAnswers() {
		EmbeddingRouter router = EmbeddingRouter.builder()
			.name("vectors")
			.deployment("replica-1", model("replica-1"))
			.batchSize(3)
			.build();
		List<String> texts = IntStream.range(0, 10).mapToObj((i) -> "text " + i).toList();
		List<Embedding> embeddings = router.embedAll(texts);
		assertThat(embeddings).extracting(Embedding::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(embeddings.get(7)).isEqualTo(Embedding.wrap(7, model("replica-1").embed("text 7").vector()));
	}

	@Test
	void sliceOfAnUnavailableReplicaFailsOverToTheOther() {
		deployments.simulated.down("replica-1");
		EmbeddingRouter router = EmbeddingRouter.builder()
			.name("vectors")
			.meterRegistry(deployments.meters)
			.deployment("replica-1", model("replica-1"))
			.deployment("replica-2", model("replica-2"))
			.batchSize(10)
			.build();
		List<String> texts = IntStream.range(0, 100).mapToObj((i) -> "text " + i).toList();
		assertThat(router.embedAll(texts)).hasSize(100);
		assertThat(router.deployments().get(0).state()).isEqualTo(DeploymentStatus.State.COOLING);
	}

	@Test
	void refusesToMixModels() {
		EmbeddingModel other = deployments.clients.get("replica-2").embeddingModel("nomic-embed-text");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddingRouter.builder()
				.name("vectors")
				.deployment("replica-1", model("replica-1"))
				.deployment("replica-2", other)
				.build())
			.withMessageContaining("route 'vectors' mixes embedding models")
			.withMessageContaining("bge-m3")
			.withMessageContaining("nomic-embed-text");
	}

	@Test
	void refusesToMixDimensions() {
		try (CustomLlmClient small = CustomLlmClient.builder()
			.baseUrl(deployments.simulated.baseUrl("replica-2"))
			.embeddingDefaults(EmbeddingDefaults.builder().model("bge-m3").dimensions(256).build())
			.build();
				CustomLlmClient large = CustomLlmClient.builder()
					.baseUrl(deployments.simulated.baseUrl("replica-1"))
					.embeddingDefaults(EmbeddingDefaults.builder().model("bge-m3").dimensions(1024).build())
					.build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> EmbeddingRouter.builder()
					.deployment("large", large.embeddingModel())
					.deployment("small", small.embeddingModel())
					.build())
				.withMessageContaining("mixes embedding dimensions");
		}
	}

}
