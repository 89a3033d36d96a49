package dev.customllm.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import reactor.core.publisher.Flux;

/**
 * The client side of {@link OpenStreamsScenario}, run in a JVM of its own (its own heap
 * limit and file descriptors): opens a number of paced streams on the stub of the parent
 * JVM with one contender, reads them all to their end, and prints one line of results
 * ({@code RESULT key=value …}) for the parent to read.
 * <p>
 * Arguments: the contender ({@code library}, {@code baseline},
 * {@code spring-ai-chat-model}, or {@code library-thread-per-stream}: the library's
 * stream read by a blocking iterator on a platform thread of its own), the stub's base
 * URL, the number of streams, and the text chunks per stream.
 *
 * @author Custom LLM team
 */
public final class OpenStreamsClient {

	/**
	 * The system property that makes {@link Benchmarks#main(String[])} run this client.
	 */
	static final String PROPERTY = "benchmarks.open-streams-client";

	private final int streams;

	private final int chunks;

	private final long rampNanos;

	private final long[] delays;

	private final AtomicInteger delayCount = new AtomicInteger();

	private final int[] received;

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicReference<String> firstFailure = new AtomicReference<>("");

	private final CountDownLatch delivered;

	private final CountDownLatch ended;

	private final AtomicLong maxDelay = new AtomicLong();

	private OpenStreamsClient(int streams, int chunks) {
		this.streams = streams;
		this.chunks = chunks;
		this.rampNanos = OpenStreamsScenario.ramp(streams).toNanos();
		this.delays = new long[streams * chunks];
		this.received = new int[streams];
		this.delivered = new CountDownLatch(streams);
		this.ended = new CountDownLatch(streams);
	}

	/**
	 * Run the client.
	 * @param args the contender, the base URL, the number of streams, the chunks per
	 * stream
	 */
	public static void main(String[] args) throws Exception {
		if (OneCpu.isChild()) {
			OneCpu.pinThreads();
		}
		String name = args[0];
		int streams = Integer.parseInt(args[2]);
		int chunks = Integer.parseInt(args[3]);
		ContenderSettings settings = ContenderSettings.chat(args[1], streams);
		boolean threadPerStream = name.equals("library-thread-per-stream");
		try (Contender contender = contender(threadPerStream ? "library" : name, settings)) {
			// warm-up on fast streams, so that the JIT has compiled the path
			StreamScenario.streams(contender, 200, StreamScenario.CHUNKS);
			new OpenStreamsClient(streams, chunks).run(contender, threadPerStream);
		}
		catch (Throwable ex) {
			System.out.println("RESULT stopped=" + reason(ex));
		}
		System.exit(0);
	}

	private static Contender contender(String name, ContenderSettings settings) {
		return switch (name) {
			case "library" -> new LibraryContender(settings);
			case "baseline" -> new BaselineContender(settings);
			case "spring-ai-chat-model" -> new SpringAiContender(settings, false);
			default -> throw new IllegalArgumentException("no contender " + name);
		};
	}

	private void run(Contender contender, boolean threadPerStream) throws InterruptedException {
		System.gc();
		long before = usedHeap();
		ClientMeter meter = ClientMeter.start();
		long start = System.nanoTime();
		String stopped = "";
		for (int i = 0; i < this.streams; i++) {
			LockSupport.parkNanos(start + this.rampNanos * i / this.streams - System.nanoTime());
			try {
				open(contender, i, threadPerStream);
			}
			catch (Throwable ex) {
				stopped = "at_stream_" + i + ":" + reason(ex);
				for (int j = i; j < this.streams; j++) {
					this.delivered.countDown();
					this.ended.countDown();
				}
				break;
			}
		}
		long timeout = TimeUnit.SECONDS.toNanos(this.chunks + 60);
		boolean all = this.delivered.await(timeout, TimeUnit.NANOSECONDS);
		// every text chunk read and the streams still open (the stub keeps them open a
		// while): what they hold now is the open streams' heap
		System.gc();
		long open = usedHeap();
		boolean done = this.ended.await(timeout, TimeUnit.NANOSECONDS);
		ClientMeter.Cost cost = meter.stop();
		long wall = System.nanoTime() - start;
		int count = this.delayCount.get();
		long[] delays = Arrays.copyOf(this.delays, Math.min(count, this.delays.length));
		int starved = 0;
		int least = Integer.MAX_VALUE;
		for (int n : this.received) {
			least = Math.min(least, n);
			starved += (n < this.chunks) ? 1 : 0;
		}
		System.out.printf(Locale.ROOT,
				"RESULT streams=%d chunks=%d heapPerStreamKb=%.2f cpuPerChunkUs=%.2f p50Ms=%.2f p99Ms=%.2f maxMs=%.2f "
						+ "starved=%d leastChunks=%d failures=%d allDelivered=%b allEnded=%b wallS=%.1f threads=%d "
						+ "firstFailure=%s stopped=%s%n",
				this.streams, count, (open - before) / 1024.0 / this.streams,
				cost.cpuNanos() / 1e3 / Math.max(1, count), Stats.percentileMillis(delays.clone(), 50),
				Stats.percentileMillis(delays, 99), this.maxDelay.get() / 1e6, starved, least, this.failures.get(), all,
				done, wall / 1e9, ManagementFactory.getThreadMXBean().getPeakThreadCount(),
				this.firstFailure.get().replace(' ', '_'), stopped.replace(' ', '_'));
	}

	private void open(Contender contender, int stream, boolean threadPerStream) {
		Flux<String> texts = contender.stream(StubServer.PACED_PROMPT);
		if (!threadPerStream) {
			texts.subscribe((text) -> chunk(stream, text), (failure) -> failed(failure), this.ended::countDown);
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				Iterator<String> iterator = texts.toIterable(1).iterator();
				while (iterator.hasNext()) {
					chunk(stream, iterator.next());
				}
				this.ended.countDown();
			}
			catch (Throwable failure) {
				failed(failure);
			}
		}, "stream-" + stream);
		thread.setDaemon(true);
		thread.start();
	}

	private void chunk(int stream, String text) {
		long now = System.nanoTime();
		if (text.isEmpty() || text.charAt(0) != 't') {
			return;
		}
		long delay = now - Long.parseLong(text, 1, text.length(), 10);
		int slot = this.delayCount.getAndIncrement();
		if (slot < this.delays.length) {
			this.delays[slot] = delay;
		}
		this.maxDelay.accumulateAndGet(delay, Math::max);
		if (++this.received[stream] == this.chunks) {
			this.delivered.countDown();
		}
	}

	private void failed(Throwable failure) {
		if (this.failures.getAndIncrement() == 0) {
			this.firstFailure.set(reason(failure));
		}
		this.delivered.countDown();
		this.ended.countDown();
	}

	private static String reason(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		return (failure.getClass().getSimpleName() + ":" + message.substring(0, Math.min(80, message.length())))
			.replace(' ', '_');
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
