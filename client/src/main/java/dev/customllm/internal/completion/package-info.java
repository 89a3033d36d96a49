/**
 * Completion models on the OpenAI-compatible wire shapes, and their wire types. Internal:
 * no compatibility promise; types here may change in any version.
 */
@NullMarked
package dev.customllm.internal.completion;

import org.jspecify.annotations.NullMarked;
