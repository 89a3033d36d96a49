/**
 * Rate limits shared by every instance of a fleet, kept in Redis by a Lua token bucket on
 * Lettuce: {@link dev.customllm.redis.RedisRateLimitStore} on a
 * {@link dev.customllm.redis.RedisRateLimitConnection}.
 */
@NullMarked
package dev.customllm.redis;

import org.jspecify.annotations.NullMarked;
