package dev.customllm.agent;

import dev.customllm.completion.CompletionModel;

/**
 * Creates {@link AgentBuilder}s on a {@link CompletionModel}; the auto-configuration
 * defines one on the default completion model, for applications to inject.
 *
 * <pre class="code">
 * &#64;Service
 * class Assistant {
 *
 *     private final Agent agent;
 *
 *     Assistant(AgentBuilderFactory agents) {
 *         this.agent = agents.agent().preamble("Be brief.").build();
 *     }
 *
 * }
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class AgentBuilderFactory {

	private final CompletionModel model;

	/**
	 * Create a new instance.
	 * @param model the model the agents use
	 */
	public AgentBuilderFactory(CompletionModel model) {
		this.model = model;
	}

	/**
	 * Create a builder for a new agent.
	 * @return a new builder
	 */
	public AgentBuilder agent() {
		return AgentBuilder.of(this.model);
	}

}
