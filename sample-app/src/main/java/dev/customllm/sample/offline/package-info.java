/**
 * Offline mode: an embedded LLM simulator used when no service is configured.
 */
@NullMarked
package dev.customllm.sample.offline;

import org.jspecify.annotations.NullMarked;
