/**
 * An assistant on Spring AI's {@code ChatClient}, over the client's model as a Spring AI
 * {@code ChatModel}.
 */
@NullMarked
package dev.customllm.sample.springai;

import org.jspecify.annotations.NullMarked;
