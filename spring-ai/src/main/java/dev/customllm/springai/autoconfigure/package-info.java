/**
 * Auto-configuration of the Spring AI models on the models of the default client and of
 * the named clients.
 */
@NullMarked
package dev.customllm.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;
