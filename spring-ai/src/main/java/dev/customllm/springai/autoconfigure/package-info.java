/**
 * Auto-configuration of the Spring AI models on the client's default models.
 */
@NullMarked
package dev.customllm.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;
