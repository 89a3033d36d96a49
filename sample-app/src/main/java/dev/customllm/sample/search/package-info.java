/**
 * Semantic search over a bundled corpus through the
 * {@link dev.customllm.embedding.EmbeddingModel}.
 */
@NullMarked
package dev.customllm.sample.search;

import org.jspecify.annotations.NullMarked;
