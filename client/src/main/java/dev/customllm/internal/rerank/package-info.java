/**
 * The reranking model on the Jina/Cohere {@code /rerank} wire shape, and its wire types.
 * Internal: no compatibility promise; types here may change in any version.
 */
@NullMarked
package dev.customllm.internal.rerank;

import org.jspecify.annotations.NullMarked;
