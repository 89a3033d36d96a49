package dev.customllm.completion;

/**
 * Token counts the service reported for one call.
 *
 * @param promptTokens tokens in the input
 * @param completionTokens tokens in the output
 * @param totalTokens all tokens billed for the call
 * @author Custom LLM team
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

}
