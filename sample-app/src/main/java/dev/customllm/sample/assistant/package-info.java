/**
 * An assistant that streams its answers through the
 * {@link dev.customllm.completion.CompletionModel}.
 */
@NullMarked
package dev.customllm.sample.assistant;

import org.jspecify.annotations.NullMarked;
