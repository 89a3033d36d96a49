/**
 * What a user configures of resilience: retry settings and the retry budget, client-side
 * limits, and the store that shares rate limits across instances.
 */
@NullMarked
package dev.customllm.resilience;

import org.jspecify.annotations.NullMarked;
