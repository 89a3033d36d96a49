/**
 * An offline, deterministic simulator of an OpenAI-compatible LLM service, built on
 * WireMock.
 */
@NullMarked
package dev.customllm.test;

import org.jspecify.annotations.NullMarked;
