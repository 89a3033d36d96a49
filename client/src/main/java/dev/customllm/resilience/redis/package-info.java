/**
 * Rate limits shared by every instance of a fleet, kept in Redis by Bucket4j on Lettuce.
 */
@NullMarked
package dev.customllm.resilience.redis;

import org.jspecify.annotations.NullMarked;
