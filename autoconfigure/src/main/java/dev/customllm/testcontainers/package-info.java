/**
 * Testcontainers service connections: {@code @ServiceConnection} on an Ollama or WireMock
 * container supplies the LLM client's base URL and key.
 */
@NullMarked
package dev.customllm.testcontainers;

import org.jspecify.annotations.NullMarked;
