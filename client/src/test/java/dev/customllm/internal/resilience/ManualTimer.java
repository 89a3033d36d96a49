package dev.customllm.internal.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;

/**
 * A timer whose tasks run when the test fires them.
 */
final class ManualTimer {

	final List<ManualTimeout> armed = new ArrayList<>();

	Timeout arm(TimerTask task, Duration delay) {
		ManualTimeout timeout = new ManualTimeout(task, delay);
		this.armed.add(timeout);
		return timeout;
	}

	/**
	 * One armed task of {@link ManualTimer}.
	 */
	static final class ManualTimeout implements Timeout {

		private final TimerTask task;

		final Duration delay;

		private boolean cancelled;

		private boolean expired;

		ManualTimeout(TimerTask task, Duration delay) {
			this.task = task;
			this.delay = delay;
		}

		void fire() {
			if (!this.cancelled) {
				this.expired = true;
				try {
					this.task.run(this);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

		@Override
		public Timer timer() {
			throw new UnsupportedOperationException();
		}

		@Override
		public TimerTask task() {
			return this.task;
		}

		@Override
		public boolean isExpired() {
			return this.expired;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean cancel() {
			boolean first = !this.cancelled && !this.expired;
			this.cancelled = true;
			return first;
		}

	}

}
