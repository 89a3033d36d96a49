/**
 * Resilience: retries that honour Retry-After, the retry budget, client-side limits and the
 * whole-call deadline.
 */
@NullMarked
package dev.customllm.retry;

import org.jspecify.annotations.NullMarked;
