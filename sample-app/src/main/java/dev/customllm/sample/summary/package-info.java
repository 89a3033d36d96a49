/**
 * Summaries of texts through the {@link dev.customllm.completion.CompletionModel}.
 */
@NullMarked
package dev.customllm.sample.summary;

import org.jspecify.annotations.NullMarked;
