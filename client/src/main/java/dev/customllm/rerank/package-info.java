/**
 * Reranking: a model that orders documents by their relevance to a query.
 */
@NullMarked
package dev.customllm.rerank;

import org.jspecify.annotations.NullMarked;
