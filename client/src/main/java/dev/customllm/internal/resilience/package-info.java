/**
 * Resilience: client-side limits, retries and the whole-call deadline, as a decorator of
 * the transport. Internal: no compatibility promise; types here may change in any
 * version.
 */
@NullMarked
package dev.customllm.internal.resilience;

import org.jspecify.annotations.NullMarked;
