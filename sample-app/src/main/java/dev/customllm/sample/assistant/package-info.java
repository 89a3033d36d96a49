/**
 * An assistant that answers questions about the corpus through an
 * {@link dev.customllm.agent.Agent} with retrieval and a tool, whole or streamed.
 */
@NullMarked
package dev.customllm.sample.assistant;

import org.jspecify.annotations.NullMarked;
