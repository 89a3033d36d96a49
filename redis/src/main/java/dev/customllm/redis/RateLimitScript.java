package dev.customllm.redis;

/**
 * The Lua script that keeps a fleet's limits in Redis, one round trip per question: a
 * token bucket refilled greedily on the server's clock ({@code TIME}), so that the
 * instances' clocks do not matter, and the instances' heartbeats. A bucket is one string
 * key, {@code "<tokens> <refilled at, µs>"}, that expires once the bucket would be full
 * again; the heartbeats are a sorted set of instances by their last beat.
 * <p>
 * {@code KEYS[1]} is the bucket (or the set of instances); {@code ARGV[1]} the operation:
 * <ul>
 * <li>{@code take n capacity refill period-µs max-wait-µs}: take {@code n} tokens, now or
 * reserved from the refill within the longest wait; answers the wait in µs ({@code 0}
 * now), or {@code -1} and the wait it would have needed when that is too long, taking
 * nothing;</li>
 * <li>{@code force n capacity refill period-µs}: take {@code n} tokens, into debt if need
 * be;</li>
 * <li>{@code add n capacity refill period-µs}: give {@code n} tokens back, never beyond
 * the capacity;</li>
 * <li>{@code peek 0 capacity refill period-µs}: answer the tokens held;</li>
 * <li>{@code beat instance ttl-ms}: note that the instance is alive and answer how many
 * instances beat within the last {@code ttl-ms};</li>
 * <li>{@code leave instance}: forget the instance.</li>
 * </ul>
 * Every operation on a bucket answers {@code {result, tokens held (rounded down),
 * wait-µs}}.
 *
 * @author Custom LLM team
 */
final class RateLimitScript {

	static final String SOURCE = """
			local op = ARGV[1]
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			if op == 'beat' then
			  local ttl = tonumber(ARGV[3])
			  local nowMs = math.floor(now / 1000)
			  redis.call('ZADD', KEYS[1], nowMs, ARGV[2])
			  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - ttl)
			  redis.call('PEXPIRE', KEYS[1], ttl * 2)
			  return redis.call('ZCARD', KEYS[1])
			end
			if op == 'leave' then
			  return redis.call('ZREM', KEYS[1], ARGV[2])
			end
			local amount = tonumber(ARGV[2])
			local capacity = tonumber(ARGV[3])
			local refill = tonumber(ARGV[4])
			local period = tonumber(ARGV[5])
			local tokens = capacity
			local at = now
			local state = redis.call('GET', KEYS[1])
			if state then
			  local space = string.find(state, ' ', 1, true)
			  tokens = tonumber(string.sub(state, 1, space - 1))
			  at = tonumber(string.sub(state, space + 1))
			  if now > at then
			    tokens = math.min(capacity, tokens + (now - at) * refill / period)
			    at = now
			  end
			end
			local result = 0
			if op == 'peek' then
			  return { 0, math.floor(tokens), 0 }
			elseif op == 'take' then
			  if tokens < amount then
			    result = math.ceil((amount - tokens) * period / refill)
			    if result > tonumber(ARGV[6]) then
			      return { -1, math.floor(tokens), result }
			    end
			  end
			  tokens = tokens - amount
			elseif op == 'force' then
			  tokens = tokens - amount
			elseif op == 'add' then
			  tokens = math.min(capacity, tokens + amount)
			else
			  return redis.error_reply('unknown operation ' .. op)
			end
			local ttl = math.ceil((capacity - tokens) * period / refill / 1000) + 1000
			redis.call('SET', KEYS[1], string.format('%.17g %.17g', tokens, at), 'PX', ttl)
			return { result, math.floor(tokens), result }
			""";

	private RateLimitScript() {
	}

}
