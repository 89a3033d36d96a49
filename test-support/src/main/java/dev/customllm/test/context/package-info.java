/**
 * Spring TestContext integration: an {@link dev.customllm.test.LlmSimulator} per test
 * application context, with {@code custom.llm.*} pointed at it.
 */
@NullMarked
package dev.customllm.test.context;

import org.jspecify.annotations.NullMarked;
