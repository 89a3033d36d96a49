/**
 * Client for OpenAI-compatible LLM services: the entry point and the error model.
 */
@NullMarked
package dev.customllm;

import org.jspecify.annotations.NullMarked;
