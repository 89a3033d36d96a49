package dev.customllm.internal.resilience;

import dev.customllm.retry.RateLimitStore;
import dev.customllm.retry.StoreFailureAction;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.customllm.LlmOperation;

/**
 * Whether the shared store of a client's limits is reachable: logs one WARN when an outage
 * starts and one INFO when it ends, and tells the listener of every failed store call.
 * Thread-safe.
 *
 * @author Custom LLM team
 */
final class StoreOutage {

	private static final Log logger = LogFactory.getLog(StoreOutage.class);

	private final AtomicBoolean down = new AtomicBoolean();

	private final RateLimitStore store;

	private final StoreFailureAction action;

	private final ResilienceListener listener;

	StoreOutage(RateLimitStore store, StoreFailureAction action, ResilienceListener listener) {
		this.store = store;
		this.action = action;
		this.listener = listener;
	}

	void failed(LlmOperation operation, String limit, Throwable failure) {
		this.listener.onLimitStoreFailure(operation, limit);
		if (this.down.compareAndSet(false, true)) {
			logger.warn("Rate-limit store " + this.store + " is unreachable ("
					+ failure.getClass().getSimpleName() + ": " + failure.getMessage() + "); "
					+ ((this.action == StoreFailureAction.LOCAL) ? "limits are kept per instance"
							: "calls are rejected")
					+ " until it answers again");
		}
	}

	void answered() {
		if (this.down.get() && this.down.compareAndSet(true, false)) {
			logger.info("Rate-limit store " + this.store + " answers again; limits are shared again");
		}
	}

	boolean rejects() {
		return this.action == StoreFailureAction.REJECT;
	}

}
