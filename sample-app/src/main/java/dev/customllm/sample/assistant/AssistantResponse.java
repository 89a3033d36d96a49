package dev.customllm.sample.assistant;

/**
 * Answer of {@code POST /api/assistant}.
 *
 * @param answer the assistant's answer
 * @author Custom LLM team
 */
record AssistantResponse(String answer) {

}
