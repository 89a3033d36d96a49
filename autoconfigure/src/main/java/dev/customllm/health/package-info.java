/**
 * Actuator health of LLM services.
 */
@NullMarked
package dev.customllm.health;

import org.jspecify.annotations.NullMarked;
