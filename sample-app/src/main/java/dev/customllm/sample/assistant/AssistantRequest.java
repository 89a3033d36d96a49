package dev.customllm.sample.assistant;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/assistant}.
 *
 * @param question the question to answer
 * @author Custom LLM team
 */
record AssistantRequest(@Nullable String question) {

}
