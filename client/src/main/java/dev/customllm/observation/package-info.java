/**
 * Micrometer observations and meters of LLM calls, on the OpenTelemetry GenAI semantic
 * conventions.
 */
@NullMarked
package dev.customllm.observation;

import org.jspecify.annotations.NullMarked;
