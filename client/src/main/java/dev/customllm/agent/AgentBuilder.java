package dev.customllm.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.customllm.completion.CompletionModel;
import dev.customllm.rerank.RankedDocument;
import dev.customllm.rerank.RerankModel;

/**
 * Builds an {@link Agent}: instructions, context documents, sampling settings, tools and
 * retrieval on top of a {@link CompletionModel}. Not thread-safe; the agent it builds is.
 *
 * <pre class="code">
 * Agent agent = client.agent("gpt-4o-mini")
 *     .preamble("You answer questions about our products.")
 *     .dynamicContext(20, index).rerank(reranker, 3)
 *     .tools(Tools.fromAnnotated(orders))
 *     .build();
 * String answer = agent.prompt("Where is order 42?");
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class AgentBuilder {

	/**
	 * Rounds of tool calls an agent allows unless told otherwise.
	 */
	public static final int DEFAULT_MAX_TOOL_ROUNDS = 5;

	final CompletionModel model;

	@Nullable String preamble;

	final List<Document> documents = new ArrayList<>();

	@Nullable Double temperature;

	@Nullable Integer maxTokens;

	final Map<String, Object> extra = new LinkedHashMap<>();

	final Map<String, Tool> tools = new LinkedHashMap<>();

	final List<DynamicContext> dynamicContexts = new ArrayList<>();

	int maxToolRounds = DEFAULT_MAX_TOOL_ROUNDS;

	boolean sendReasoningBack;

	private AgentBuilder(CompletionModel model) {
		this.model = model;
	}

	/**
	 * Create a builder for an agent on a completion model (one of the chat API).
	 * @param model the model
	 * @return a new builder
	 */
	public static AgentBuilder of(CompletionModel model) {
		return new AgentBuilder(model);
	}

	/**
	 * Set the instructions that open the system message.
	 * @param preamble the instructions
	 * @return this builder
	 */
	public AgentBuilder preamble(String preamble) {
		this.preamble = preamble;
		return this;
	}

	/**
	 * Add a document that every prompt gets as context, with the id {@code doc-<n>}.
	 * @param text the document's text
	 * @return this builder
	 */
	public AgentBuilder context(String text) {
		return context(new Document("doc-" + (this.documents.size() + 1), text));
	}

	/**
	 * Add a document that every prompt gets as context.
	 * @param document the document
	 * @return this builder
	 */
	public AgentBuilder context(Document document) {
		this.documents.add(document);
		return this;
	}

	/**
	 * Set the sampling temperature.
	 * @param temperature the temperature, between 0 and 2
	 * @return this builder
	 */
	public AgentBuilder temperature(double temperature) {
		this.temperature = temperature;
		return this;
	}

	/**
	 * Set the maximum number of tokens of each answer.
	 * @param maxTokens the maximum, at least 1
	 * @return this builder
	 */
	public AgentBuilder maxTokens(int maxTokens) {
		this.maxTokens = maxTokens;
		return this;
	}

	/**
	 * Add a body parameter sent with every request, for example {@code top_k}.
	 * @param name the JSON name
	 * @param value the value
	 * @return this builder
	 */
	public AgentBuilder extra(String name, Object value) {
		this.extra.put(name, value);
		return this;
	}

	/**
	 * Offer a tool to the model.
	 * @param tool the tool
	 * @return this builder
	 * @throws IllegalArgumentException if a tool of that name was added already
	 */
	public AgentBuilder tool(Tool tool) {
		if (this.tools.putIfAbsent(tool.name(), tool) != null) {
			throw new IllegalArgumentException("a tool named '" + tool.name() + "' was added already");
		}
		return this;
	}

	/**
	 * Offer tools to the model.
	 * @param tools the tools
	 * @return this builder
	 */
	public AgentBuilder tools(List<? extends Tool> tools) {
		tools.forEach(this::tool);
		return this;
	}

	/**
	 * For each prompt, add the {@code k} documents of an index most similar to the prompt
	 * as context, most similar first.
	 * @param k how many documents to add, at least 1
	 * @param index the index to search
	 * @return this builder
	 */
	public AgentBuilder dynamicContext(int k, VectorIndex index) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be at least 1, but was " + k);
		}
		this.dynamicContexts.add(new DynamicContext(k, index, null, k));
		return this;
	}

	/**
	 * Narrow the dynamic context added last: of the {@code k} documents found by vectors,
	 * keep the {@code n} a reranker finds most relevant to the prompt, most relevant
	 * first. Retrieve generously ({@code k} of 20 to 50) and keep few: vectors find
	 * candidates cheaply, a cross-encoder orders them well. <pre class="code">
	 * builder.dynamicContext(20, index).rerank(client.rerankModel("BAAI/bge-reranker-v2-m3"), 3)
	 * </pre>
	 * @param rerankModel the reranker
	 * @param n how many documents to keep, between 1 and {@code k}
	 * @return this builder
	 * @throws IllegalStateException if no dynamic context was added before, or the last
	 * one is reranked already
	 */
	public AgentBuilder rerank(RerankModel rerankModel, int n) {
		if (this.dynamicContexts.isEmpty()) {
			throw new IllegalStateException(
					"rerank(..) narrows the dynamic context added before it: call dynamicContext(k, index) first");
		}
		int last = this.dynamicContexts.size() - 1;
		DynamicContext context = this.dynamicContexts.get(last);
		if (context.reranker() != null) {
			throw new IllegalStateException("the dynamic context added last is reranked already");
		}
		if (rerankModel == null) {
			throw new IllegalArgumentException("rerankModel must not be null");
		}
		if (n < 1 || n > context.k()) {
			throw new IllegalArgumentException("n must be between 1 and k (" + context.k() + "), but was " + n);
		}
		this.dynamicContexts.set(last, new DynamicContext(context.k(), context.index(), rerankModel, n));
		return this;
	}

	/**
	 * Set how many rounds of tool calls one prompt may take; a model that asks for tools
	 * once more fails the prompt with an {@link dev.customllm.LlmToolRoundsException}.
	 * @param maxToolRounds the limit, at least 0
	 * @return this builder
	 */
	public AgentBuilder maxToolRounds(int maxToolRounds) {
		if (maxToolRounds < 0) {
			throw new IllegalArgumentException("maxToolRounds must not be negative, but was " + maxToolRounds);
		}
		this.maxToolRounds = maxToolRounds;
		return this;
	}

	/**
	 * Set whether the model's reasoning goes back to the service with the assistant
	 * messages of a tool-call turn ({@code reasoning_content}), for services that ask for
	 * it. Off by default: the reasoning is dropped from the conversation, as DeepSeek
	 * requires of earlier turns (it rejects a request that carries it).
	 * @param sendReasoningBack whether to send the reasoning of tool-call turns back
	 * @return this builder
	 */
	public AgentBuilder sendReasoningBack(boolean sendReasoningBack) {
		this.sendReasoningBack = sendReasoningBack;
		return this;
	}

	/**
	 * Build the agent.
	 * @return an immutable, thread-safe agent
	 * @throws IllegalArgumentException if a setting is invalid
	 */
	public Agent build() {
		return new Agent(this);
	}

	/**
	 * Retrieval from an index for each prompt, narrowed by a reranker or not.
	 *
	 * @param k how many documents to retrieve
	 * @param index the index
	 * @param reranker the reranker that keeps the best, if any
	 * @param keep how many documents the reranker keeps
	 */
	record DynamicContext(int k, VectorIndex index, @Nullable RerankModel reranker, int keep) {

		Mono<List<Document>> search(String prompt) {
			Mono<List<Document>> found = this.index.searchAsync(prompt, this.k)
				.map((scored) -> scored.stream().map(ScoredDocument::document).toList());
			RerankModel reranker = this.reranker;
			if (reranker == null) {
				return found;
			}
			return found.flatMap((documents) -> documents.isEmpty() ? Mono.just(documents)
					: reranker.rerankAsync(prompt, documents.stream().map(Document::text).toList(), this.keep)
						.map((ranked) -> ranked.stream().map(RankedDocument::index).map(documents::get).toList()));
		}

	}

}
