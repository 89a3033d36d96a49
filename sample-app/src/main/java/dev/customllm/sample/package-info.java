/**
 * Sample application that uses the Custom LLM starter for summaries and semantic search.
 */
@NullMarked
package dev.customllm.sample;

import org.jspecify.annotations.NullMarked;
