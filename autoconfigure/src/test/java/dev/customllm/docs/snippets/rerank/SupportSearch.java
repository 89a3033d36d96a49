package dev.customllm.docs.snippets.rerank;

import java.util.List;

import dev.customllm.agent.Agent;
import dev.customllm.agent.AgentBuilderFactory;
import dev.customllm.agent.VectorIndex;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankModel;

import org.springframework.stereotype.Service;

/* The reranking examples of docs/reranking.md. */

@Service
class SupportSearch {

	private final RerankModel reranker;

	private final Agent agent;

	SupportSearch(RerankModel reranker, AgentBuilderFactory agents, VectorIndex faq) {
		this.reranker = reranker;
		this.agent = agents.agent()
			.preamble("You answer questions about our shop.")
			.dynamicContext(20, faq)
			.rerank(reranker, 3) // 20 candidates by vectors, the 3 best by the reranker
			.build();
	}

	List<RankedDocument> best(String question, List<String> candidates) {
		return this.reranker.rerank(question, candidates, 3);
	}

	String answer(String question) {
		return this.agent.prompt(question);
	}

}
