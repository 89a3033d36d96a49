package dev.customllm.docs.snippets.agents;

import java.util.List;

import dev.customllm.agent.Agent;
import dev.customllm.agent.AgentBuilderFactory;
import dev.customllm.agent.Document;
import dev.customllm.agent.InMemoryVectorIndex;
import dev.customllm.agent.LlmTool;
import dev.customllm.agent.LlmToolParam;
import dev.customllm.agent.Tools;
import dev.customllm.agent.VectorIndex;
import dev.customllm.embedding.EmbeddingModel;

import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/* The retrieval agent with a tool of docs/agents.md. */

@Service
class OrderAssistant {

	private final Agent agent;

	OrderAssistant(AgentBuilderFactory agents, EmbeddingModel embeddings, Orders orders) {
		VectorIndex faq = new InMemoryVectorIndex(embeddings);
		faq.add(List.of(new Document("returns", "Returns are free within 30 days."),
				new Document("shipping", "Orders ship within two working days.")));
		this.agent = agents.agent()
			.preamble("You answer questions about our shop. Be brief.")
			.dynamicContext(2, faq) // the 2 FAQ entries closest to each question
			.tools(Tools.fromAnnotated(orders)) // @LlmTool methods of a bean
			.build();
	}

	String answer(String question) {
		return this.agent.prompt(question);
	}

}

@Component
class Orders {

	@LlmTool(description = "Status of an order by its number")
	String orderStatus(@LlmToolParam(description = "the order number") long number) {
		return "Order " + number + " shipped yesterday.";
	}

}
