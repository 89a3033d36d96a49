/**
 * Chat and text completions: the model, its requests and responses.
 */
@NullMarked
package dev.customllm.completion;

import org.jspecify.annotations.NullMarked;
