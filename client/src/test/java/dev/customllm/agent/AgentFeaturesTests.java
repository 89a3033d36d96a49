package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.customllm.testing.SimulatedClient;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;
import dev.customllm.rerank.RerankModel;
import dev.customllm.test.LlmRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for an {@link Agent}'s typed answers, image history and reranked dynamic context
 * against the {@link dev.customllm.test.LlmSimulator}.
 *
 * @author Custom LLM team
 */
class AgentFeaturesTests {

	@RegisterExtension
	static final SimulatedClient fixture = SimulatedClient.configured((builder) -> builder.apiKey("sk-test"));

	@Test
	void answersWithATypeInOneCallWithoutTools() {
		Agent agent = fixture.client().agent("m1").preamble("You file support tickets.").build();
		Ticket ticket = agent.prompt("My order 42 arrived broken", Ticket.class);
		assertThat(ticket.title()).isEqualTo("My order 42 arrived broken");
		assertThat(ticket.priority()).isEqualTo(5);
		LlmRequest request = single();
		assertThat(request.json().path("response_format").path("json_schema").path("name").stringValue())
			.isEqualTo("Ticket");
		assertThat(request.json().path("messages").path(0).path("content").stringValue())
			.isEqualTo("You file support tickets.");
		assertThat(request.json().has("tools")).isFalse();
	}

	@Test
	void answersWithATypeAfterTheToolLoop() {
		Tool orders = Tool.of("order_status", "Status of an order", Order.class,
				(order) -> "Order " + order.number() + " was delivered damaged.");
		Agent agent = fixture.client().agent("m1").tool(orders).build();
		Ticket ticket = agent.promptAsync("Where is order 42?", Ticket.class).block();
		assertThat(ticket).isNotNull();
		List<LlmRequest> requests = fixture.simulator().chatRequests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(0).json().path("tools").size()).isEqualTo(1);
		assertThat(requests.get(0).json().has("response_format")).isFalse();
		assertThat(requests.get(1).json().path("messages").path(2).path("role").stringValue()).isEqualTo("tool");
		JsonNode last = requests.get(2).json();
		assertThat(last.has("tools")).isFalse();
		assertThat(last.path("response_format").path("type").stringValue()).isEqualTo("json_schema");
		assertThat(last.path("messages").values()).extracting((message) -> message.path("role").stringValue())
			.containsExactly("user", "assistant", "tool", "assistant", "user");
		assertThat(last.path("messages").path(3).path("content").stringValue())
			.startsWith("Simulated answer from order_status: Order 42 was delivered damaged.");
		assertThat(last.path("messages").path(4).path("content").stringValue()).isEqualTo(Agent.STRUCTURED_INSTRUCTION);
	}

	@Test
	void typedAnswerThatCannotBeUsedFailsThePrompt() {
		fixture.simulator().chat().answersInvalidJson();
		Agent agent = fixture.client().agent("m1").build();
		assertThatExceptionOfType(LlmResponseException.class).isThrownBy(() -> agent.prompt("Hi", Ticket.class))
			.satisfies((ex) -> assertThat(ex.rawAnswer()).startsWith("{\"summary\""));
		assertThatIllegalArgumentException().isThrownBy(() -> agent.prompt("Hi", null))
			.withMessage("type must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> agent.prompt(" ", Ticket.class))
			.withMessage("prompt must not be blank");
	}

	@Test
	void acceptsImagesInTheHistory() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		Agent agent = fixture.client().agent("vision").preamble("You describe pictures.").build();
		List<Message> history = List.of(
				Message.user(List.of(ContentPart.text("Look at this"), ContentPart.image(png, "image/png"))),
				Message.assistant("I see a logo."));
		assertThat(agent.chat("What colour is it?", history)).isEqualTo("Simulated answer: What colour is it?");
		JsonNode messages = single().json().path("messages");
		assertThat(messages.path(1).path("content").path(1).path("image_url").path("url").stringValue())
			.startsWith("data:image/png;base64,");
		assertThat(messages.path(3).path("content").stringValue()).isEqualTo("What colour is it?");
		String streamed = String.join("", agent.stream("And its shape?", history).collectList().block());
		assertThat(streamed).isEqualTo("Simulated answer: And its shape?");
	}

	@Test
	void keepsTheDocumentsTheRerankerFindsMostRelevant() {
		InMemoryVectorIndex index = new InMemoryVectorIndex(fixture.client().embeddingModel("embed"));
		index.add(List.of(new Document("piano", "Learning the piano takes daily practice."),
				new Document("holes", "A black hole bends light near its event horizon."),
				new Document("records", "Java records are immutable data carriers."),
				new Document("horizon", "Event horizons hide what falls into a black hole.")));
		fixture.simulator().rerank().answers(0.1, 0.9, 0.8);
		RerankModel reranker = fixture.client().rerankModel("bge-reranker");
		Agent agent = fixture.client().agent("m1").dynamicContext(3, index).rerank(reranker, 2).build();
		agent.prompt("black hole event horizon");
		LlmRequest rerank = fixture.simulator().rerankRequests().get(0);
		assertThat(rerank.json().path("query").stringValue()).isEqualTo("black hole event horizon");
		assertThat(rerank.documents()).hasSize(3);
		assertThat(rerank.json().path("top_n").intValue()).isEqualTo(2);
		String system = fixture.simulator()
			.chatRequests()
			.get(0)
			.json()
			.path("messages")
			.path(0)
			.path("content")
			.stringValue();
		List<String> ids = new ArrayList<>();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("<document id=\"([^\"]+)\">").matcher(system);
		while (id.find()) {
			ids.add(id.group(1));
		}
		String second = index.search("black hole event horizon", 3).get(1).document().id();
		String third = index.search("black hole event horizon", 3).get(2).document().id();
		assertThat(ids).containsExactly(second, third);
	}

	@Test
	void rerankNarrowsTheDynamicContextAddedBeforeIt() {
		RerankModel reranker = fixture.client().rerankModel("bge-reranker");
		InMemoryVectorIndex index = new InMemoryVectorIndex(fixture.client().embeddingModel("embed"));
		assertThatIllegalStateException().isThrownBy(() -> fixture.client().agent("m1").rerank(reranker, 2))
			.withMessageStartingWith("rerank(..) narrows the dynamic context added before it");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client().agent("m1").dynamicContext(3, index).rerank(reranker, 4))
			.withMessage("n must be between 1 and k (3), but was 4");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.client().agent("m1").dynamicContext(3, index).rerank(null, 2))
			.withMessage("rerankModel must not be null");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> fixture.client().agent("m1").dynamicContext(3, index).rerank(reranker, 2).rerank(reranker, 1))
			.withMessage("the dynamic context added last is reranked already");
	}

	@Test
	void skipsTheRerankerWhenTheIndexFindsNothing() {
		InMemoryVectorIndex empty = new InMemoryVectorIndex(fixture.client().embeddingModel("embed"));
		Agent agent = fixture.client()
			.agent("m1")
			.dynamicContext(3, empty)
			.rerank(fixture.client().rerankModel("r"), 1)
			.build();
		agent.prompt("anything");
		assertThat(fixture.simulator().rerankRequests()).isEmpty();
	}

	private static LlmRequest single() {
		assertThat(fixture.simulator().chatRequests()).hasSize(1);
		return fixture.simulator().chatRequests().get(0);
	}

	record Ticket(String title, int priority) {
	}

	record Order(long number) {
	}

}
