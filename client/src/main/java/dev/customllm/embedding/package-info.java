/**
 * Embeddings: the model, its vectors, batching and base64 decoding.
 */
@NullMarked
package dev.customllm.embedding;

import org.jspecify.annotations.NullMarked;
