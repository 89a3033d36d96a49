/**
 * The client's models as Spring AI models:
 * {@link dev.customllm.springai.CustomLlmChatModel} and
 * {@link dev.customllm.springai.CustomLlmEmbeddingModel}.
 */
@NullMarked
package dev.customllm.springai;

import org.jspecify.annotations.NullMarked;
