package dev.customllm.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak growth of the live heap during one call: a thread of its own collects garbage
 * again and again while the call runs and keeps the most heap still in use after a
 * collection; a last collection at the end counts the result, still held. Less the heap
 * in use after a collection before the call or, if lower, after the call once the result
 * is dropped: data of earlier rounds still reachable when the watch starts was seen to
 * make the reading before the call too high. Garbage does not count: this is what the
 * call keeps reachable at once — its result, and the answers and buffers in flight. The
 * collections slow the call down, so it is measured in a round of its own, not timed.
 *
 * @author Custom LLM team
 */
final class HeapWatch implements AutoCloseable {

	private static final long SAMPLE_MILLIS = 5;

	private final AtomicLong peak = new AtomicLong();

	private final long baseline;

	private final Thread sampler;

	private volatile boolean running = true;

	private HeapWatch() {
		System.gc();
		this.baseline = used();
		this.sampler = new Thread(this::sample, StubServer.THREAD_PREFIX + "heap-watch");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/**
	 * Collect garbage and start watching.
	 * @return the watch
	 */
	static HeapWatch start() {
		return new HeapWatch();
	}

	/**
	 * Stop watching, and collect garbage while the caller still holds the result.
	 * @param result the result of the call, held until the collection is done
	 */
	void stop(Object result) {
		close();
		System.gc();
		this.peak.accumulateAndGet(used(), Math::max);
		Reference.reachabilityFence(result);
	}

	/**
	 * Return the peak growth, once the caller has dropped the result.
	 * @return the peak growth of the live heap in bytes
	 */
	long growth() {
		System.gc();
		return this.peak.get() - Math.min(this.baseline, used());
	}

	private void sample() {
		while (this.running) {
			System.gc();
			this.peak.accumulateAndGet(used(), Math::max);
			try {
				Thread.sleep(SAMPLE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long used() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
