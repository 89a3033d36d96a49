package dev.customllm.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.customllm.completion.CompletionModel;

/**
 * Builds an {@link Agent}: instructions, context documents, sampling settings, tools and
 * retrieval on top of a {@link CompletionModel}. Not thread-safe; the agent it builds is.
 *
 * <pre class="code">
 * Agent agent = client.agent("gpt-4o-mini")
 *     .preamble("You answer questions about our products.")
 *     .dynamicContext(3, index)
 *     .tools(Tools.fromAnnotated(orders))
 *     .build();
 * String answer = agent.prompt("Where is order 42?");
 * </pre>
 *
 * @author Custom LLM team
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
		this.dynamicContexts.add(new DynamicContext(k, index));
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
	 * Build the agent.
	 * @return an immutable, thread-safe agent
	 * @throws IllegalArgumentException if a setting is invalid
	 */
	public Agent build() {
		return new Agent(this);
	}

	/**
	 * Retrieval from an index for each prompt.
	 *
	 * @param k how many documents to add
	 * @param index the index
	 */
	record DynamicContext(int k, VectorIndex index) {

	}

}
