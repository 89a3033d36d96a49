package dev.customllm.internal.embedding;

import dev.customllm.embedding.Embedding;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.embedding.EmbeddingModel;
import dev.customllm.embedding.EncodingFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.LlmApiException;
import dev.customllm.LlmResponseException;
import dev.customllm.internal.json.LlmJson;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;
import dev.customllm.test.SimulatedEmbeddings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenAiEmbeddingModel}: batching, ordering, encodings and validation.
 */
@ExtendWith({ LlmSimulatorExtension.class, LogCaptureExtension.class })
class OpenAiEmbeddingModelTests {

	private static final String PATH = "/v1/embeddings";

	private static LlmSimulator simulator;

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	private WireMockServer wireMock() {
		return simulator.wireMock();
	}

	private CustomLlmClient client(EmbeddingDefaults defaults) {
		return CustomLlmClient.builder().baseUrl(simulator.baseUrl()).embeddingDefaults(defaults).build();
	}

	private static EmbeddingDefaults defaults(int batchSize, int maxConcurrency, EncodingFormat format) {
		return EmbeddingDefaults.builder()
			.model("embed-model")
			.batchSize(batchSize)
			.maxConcurrency(maxConcurrency)
			.encodingFormat(format)
			.build();
	}

	@Test
	void tenThousandInputsAtBatchSize256AreSentAsFortyRequestsInOrder() {
		List<String> texts = IntStream.range(0, 10_000).mapToObj((i) -> "text number " + i).toList();
		try (CustomLlmClient client = client(defaults(256, 4, EncodingFormat.BASE64))) {
			List<Embedding> embeddings = client.embeddingModel().embedAll(texts);
			assertThat(embeddings).hasSize(10_000);
			for (int i : new int[] { 0, 255, 256, 5_000, 9_999 }) {
				assertThat(embeddings.get(i).index()).isEqualTo(i);
				assertThat(embeddings.get(i).vector()).containsExactly(SimulatedEmbeddings.embed(texts.get(i), 256));
			}
		}
		List<LoggedRequest> requests = wireMock().findAll(postRequestedFor(urlPathEqualTo(PATH)));
		assertThat(requests).hasSize(40);
		int total = requests.stream().mapToInt((request) -> body(request).get("input").size()).sum();
		assertThat(total).isEqualTo(10_000);
		assertThat(requests)
			.allSatisfy((request) -> assertThat(body(request).get("input").size()).isLessThanOrEqualTo(256));
	}

	@Test
	void vectorsHandedOverAsArraysAreTheEmbeddingsInOrderAndEachCallersOwn() {
		List<String> texts = IntStream.range(0, 600).mapToObj((i) -> "text number " + i).toList();
		try (CustomLlmClient client = client(defaults(256, 2, EncodingFormat.BASE64))) {
			List<float[]> vectors = client.embeddingModel().embedAllVectors(texts);
			List<float[]> again = client.embeddingModel().embedAllVectorsAsync(texts).block();
			assertThat(vectors).hasSize(600);
			assertThat(again).hasSize(600);
			for (int i : new int[] { 0, 255, 256, 599 }) {
				assertThat(vectors.get(i)).containsExactly(SimulatedEmbeddings.embed(texts.get(i), 256));
				assertThat(again.get(i)).isNotSameAs(vectors.get(i));
			}
			vectors.get(0)[0] = 42f;
			assertThat(again.get(0)).containsExactly(SimulatedEmbeddings.embed(texts.get(0), 256));
		}
	}

	@Test
	void batchesAnsweringOutOfOrderKeepTheInputOrder() {
		wireMock().stubFor(post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", containing("a0")))
			.willReturn(okJson(floatAnswer(0, 2, 1f)).withFixedDelay(400)));
		wireMock().stubFor(post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", containing("a2")))
			.willReturn(okJson(floatAnswer(0, 2, 3f))));
		try (CustomLlmClient client = client(defaults(2, 2, EncodingFormat.FLOAT))) {
			List<Embedding> embeddings = client.embeddingModel().embedAll(List.of("a0", "a1", "a2", "a3"));
			assertThat(embeddings).extracting(Embedding::index).containsExactly(0, 1, 2, 3);
			assertThat(embeddings).extracting((embedding) -> embedding.vector()[0]).containsExactly(1f, 2f, 3f, 4f);
		}
	}

	@Test
	void itemsAreOrderedByTheirIndexNotByTheirPositionInTheAnswer() {
		answer("""
				{"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,0.5]},
				 {"object":"embedding","index":0,"embedding":[1.0,0.0]}],"model":"m","usage":{"prompt_tokens":2,"total_tokens":2}}""");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.FLOAT))) {
			List<Embedding> embeddings = client.embeddingModel().embedAll(List.of("first", "second"));
			assertThat(embeddings.get(0).vector()).containsExactly(1.0f, 0.0f);
			assertThat(embeddings.get(1).vector()).containsExactly(0.5f, 0.5f);
		}
	}

	@Test
	void valuesBeyondFloatRangeOrNotANumberAreRejected() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[0.5,1e39,0.25]}]}");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.FLOAT))) {
			assertThatExceptionOfType(LlmResponseException.class)
				.isThrownBy(() -> client.embeddingModel().embedAll(List.of("x")))
				.withMessageContaining("embedding 0 holds Infinity at position 1");
		}
		answer("{\"data\":[{\"index\":0,\"embedding\":\"" + base64(new float[] { 0.5f, Float.NaN }) + "\"}]}");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			assertThatExceptionOfType(LlmResponseException.class)
				.isThrownBy(() -> client.embeddingModel().embedAll(List.of("x")))
				.withMessageContaining("embedding 0 holds NaN at position 1");
		}
	}

	@Test
	void readsBase64AndFloatAnswersByTheirShapeWhateverWasAsked() {
		float[] vector = { 0.25f, -1.5f, 3.0e-5f };
		answer("{\"data\":[{\"index\":0,\"embedding\":\"" + base64(vector)
				+ "\"},{\"index\":1,\"embedding\":[0.25,-1.5,3.0e-5]}]}");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			List<Embedding> embeddings = client.embeddingModel().embedAll(List.of("x", "y"));
			assertThat(embeddings.get(0).vector()).containsExactly(vector);
			assertThat(embeddings.get(1).vector()).containsExactly(vector);
		}
		assertThat(body(wireMock().findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)).get("encoding_format")
			.asString()).isEqualTo("base64");
	}

	@Test
	void sendsModelInputAndEncodingAndDimensionsWhenAsked() {
		EmbeddingDefaults defaults = EmbeddingDefaults.builder()
			.model("text-embedding-3-small")
			.dimensions(64)
			.requestDimensions(true)
			.batchSize(8)
			.maxConcurrency(1)
			.encodingFormat(EncodingFormat.FLOAT)
			.build();
		try (CustomLlmClient client = client(defaults)) {
			Embedding embedding = client.embeddingModel().embed("hello world");
			assertThat(embedding.dimensions()).isEqualTo(64);
		}
		JsonNode body = body(wireMock().findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0));
		assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-small");
		assertThat(body.get("input").get(0).asString()).isEqualTo("hello world");
		assertThat(body.get("encoding_format").asString()).isEqualTo("float");
		assertThat(body.get("dimensions").asInt()).isEqualTo(64);
	}

	@Test
	void fallsBackToFloatOnceWhenBase64IsRefusedAndRemembersIt(CapturedLog log) {
		wireMock().stubFor(post(urlPathEqualTo(PATH))
			.withRequestBody(matchingJsonPath("$.encoding_format", containing("base64")))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"object":"error","message":"[{'type': 'literal_error', 'loc': ('body', 'encoding_format'), 'msg': "Input should be 'float'"}]",
								 "type":"BadRequestError","param":null,"code":400}""")));
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			assertThat(client.embeddingModel().embed("one").dimensions()).isEqualTo(256);
			assertThat(client.embeddingModel("other").embed("two").dimensions()).isEqualTo(256);
		}
		List<String> formats = wireMock().findAll(postRequestedFor(urlPathEqualTo(PATH)))
			.stream()
			.map((request) -> body(request).get("encoding_format").asString())
			.toList();
		assertThat(formats).containsExactly("base64", "float", "float");
		assertThat(log.getAll().lines().filter((line) -> line.contains("refused base64"))).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("INFO").contains("model embed-model"));
	}

	@Test
	void otherBadRequestsAreNotRetriedAsFloat() {
		wireMock().stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":{\"message\":\"model not found\",\"type\":\"invalid_request_error\"}}")));
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> client.embeddingModel().embed("x"))
				.withMessageContaining("model not found");
		}
		assertThat(wireMock().findAll(postRequestedFor(urlPathEqualTo(PATH)))).hasSize(1);
	}

	@Test
	void countMismatchIsAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0]}]}");
		assertResponseError(List.of("a", "b"), "expected 2 embeddings, got 1");
	}

	@Test
	void emptyVectorIsAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[]}]}");
		assertResponseError(List.of("a"), "embedding 0 is empty");
	}

	@Test
	void missingDataIsAnError() {
		answer("{\"object\":\"list\"}");
		assertResponseError(List.of("a"), "expected 1 embeddings, got none");
	}

	@Test
	void repeatedIndexIsAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0]},{\"index\":0,\"embedding\":[1.0]}]}");
		assertResponseError(List.of("a", "b"), "repeated");
	}

	@Test
	void wrongVectorLengthIsAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0,2.0,3.0]}]}");
		EmbeddingDefaults defaults = EmbeddingDefaults.builder()
			.dimensions(4)
			.batchSize(8)
			.maxConcurrency(1)
			.encodingFormat(EncodingFormat.FLOAT)
			.build();
		try (CustomLlmClient client = client(defaults)) {
			assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> client.embeddingModel().embed("a"))
				.withMessageContaining("has 3 dimensions, expected 4");
		}
	}

	@Test
	void vectorsOfDifferentLengthsInOneCallAreAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0,2.0]},{\"index\":1,\"embedding\":[1.0]}]}");
		assertResponseError(List.of("a", "b"), "embedding 1 has 1 dimensions, embedding 0 has 2");
	}

	@Test
	void badBase64IsAnError() {
		answer("{\"data\":[{\"index\":0,\"embedding\":\"AAAA=\"}]}");
		assertResponseError(List.of("a"), "base64");
		answer("{\"data\":[{\"index\":0,\"embedding\":\"AAAAAAA=\"}]}");
		assertResponseError(List.of("a"), "not a multiple of 4");
	}

	@Test
	void errorObjectInA2xxAnswerIsTheProvidersError() {
		answer("  {\"error\":{\"message\":\"embedding quota exceeded\",\"type\":\"insufficient_quota\"}}");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			assertThatExceptionOfType(LlmApiException.class).isThrownBy(() -> client.embeddingModel().embed("x"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(200))
				.withMessageContaining("embedding quota exceeded");
		}
	}

	@Test
	void emptyNullMalformedOrTruncatedAnswersAreUnusable() {
		answer("");
		assertResponseError(List.of("a"), "empty body");
		answer("null");
		assertResponseError(List.of("a"), "body is JSON null");
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0]}}");
		assertResponseError(List.of("a"), "unreadable JSON answer");
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0");
		assertResponseError(List.of("a"), "unreadable JSON answer");
	}

	@Test
	void valuesOfTheWrongJsonTypeAreUnusable() {
		answer("{\"data\":[{\"index\":0,\"embedding\":false}]}");
		assertResponseError(List.of("a"), "embedding must be an array of numbers or a base64 string");
		answer("{\"data\":[{\"index\":0,\"embedding\":[1.0,true]}]}");
		assertResponseError(List.of("a"), "embedding array holds a VALUE_TRUE");
		answer("{\"data\":[{\"index\":[0],\"embedding\":[1.0]}]}");
		assertResponseError(List.of("a"), "unreadable JSON answer");
		answer("{\"data\":{\"index\":0}}");
		assertResponseError(List.of("a"), "unreadable JSON answer");
	}

	@Test
	void base64VectorsAreReadWhateverTheOrderOfTheirMembers() {
		float[] first = { 0.5f, -0.25f };
		float[] second = { 1.5f, 2.0f };
		answer("{\"model\":\"m\",\"data\":[{\"embedding\":\"" + base64(second)
				+ "\",\"object\":\"embedding\",\"index\":1}," + "{\"object\":\"embedding\",\"embedding\":\""
				+ base64(first) + "\",\"index\":0}],\"object\":\"list\"}");
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.BASE64))) {
			List<Embedding> embeddings = client.embeddingModel().embedAll(List.of("a", "b"));
			assertThat(embeddings.get(0).vector()).containsExactly(first);
			assertThat(embeddings.get(1).vector()).containsExactly(second);
		}
	}

	@Test
	void invalidInputFailsBeforeAnyHttpCall() {
		try (CustomLlmClient client = client(EmbeddingDefaults.DEFAULT)) {
			EmbeddingModel model = client.embeddingModel();
			assertThatIllegalArgumentException().isThrownBy(() -> model.embedAll(List.of()))
				.withMessageContaining("texts must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> model.embedAll(List.of("ok", " ")))
				.withMessageContaining("texts[1]");
			assertThatIllegalArgumentException().isThrownBy(() -> model.embed(""));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> defaults(0, 1, EncodingFormat.FLOAT))
			.withMessageContaining("batchSize");
		assertThat(wireMock().getAllServeEvents()).isEmpty();
	}

	@Test
	void similarTextsScoreHigherOnTheSimulator() {
		try (CustomLlmClient client = client(EmbeddingDefaults.DEFAULT)) {
			List<Embedding> embeddings = client.embeddingModel()
				.embedAll(List.of("Spring Boot auto-configuration", "auto-configuration in Spring Boot apps",
						"baking sourdough bread at home"));
			assertThat(embeddings.get(0).cosineSimilarity(embeddings.get(1)))
				.isGreaterThan(embeddings.get(0).cosineSimilarity(embeddings.get(2)));
		}
	}

	private void assertResponseError(List<String> texts, String problem) {
		try (CustomLlmClient client = client(defaults(8, 1, EncodingFormat.FLOAT))) {
			assertThatExceptionOfType(LlmResponseException.class)
				.isThrownBy(() -> client.embeddingModel().embedAll(texts))
				.withMessageStartingWith("embeddings failed: unusable response")
				.withMessageContaining(problem);
		}
	}

	private void answer(String json) {
		wireMock().stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(json)));
	}

	private static String floatAnswer(int firstIndex, int count, float start) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add("{\"index\":" + (firstIndex + i) + ",\"embedding\":[" + (start + i) + ",0.0]}");
		}
		return "{\"data\":[" + String.join(",", items) + "]}";
	}

	private static String base64(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			buffer.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(buffer.array());
	}

	private static JsonNode body(LoggedRequest request) {
		return LlmJson.mapper().readTree(request.getBody());
	}

}
