/**
 * The embedding model on the OpenAI-compatible wire shape, and its wire types. Internal:
 * no compatibility promise; types here may change in any version.
 */
@NullMarked
package dev.customllm.internal.embedding;

import org.jspecify.annotations.NullMarked;
