/**
 * Spring Boot auto-configuration of the LLM client: properties, connection details,
 * customizers and failure analysis.
 */
@NullMarked
package dev.customllm.autoconfigure;

import org.jspecify.annotations.NullMarked;
