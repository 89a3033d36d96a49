package dev.customllm.internal.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code function} of a tool call in an answer.
 *
 * @author Custom LLM team
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FunctionCallBody(@Nullable String name, @Nullable String arguments) {

}
