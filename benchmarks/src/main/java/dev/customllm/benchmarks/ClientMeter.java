package dev.customllm.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.management.ThreadMXBean;

/**
 * Measures the client's cost: CPU time and allocated bytes summed over every Java thread
 * of the JVM except the stub's ({@link StubServer#THREAD_PREFIX}). The calling thread,
 * Reactor Netty's event loops, Reactor's schedulers: all count. GC and JIT threads are
 * not Java threads and do not count; allocation is what drives GC, and is counted.
 *
 * @author Custom LLM team
 */
final class ClientMeter {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	/**
	 * Whether to print the CPU time of each group of threads
	 * ({@code -Dbenchmarks.threads}).
	 */
	private static final boolean PRINT_THREADS = Boolean.getBoolean("benchmarks.threads");

	private static final Map<Long, String> NAMES = new ConcurrentHashMap<>();

	private final Map<Long, long[]> start;

	private ClientMeter(Map<Long, long[]> start) {
		this.start = start;
	}

	/**
	 * Start measuring.
	 * @return a meter holding the counters at this moment
	 */
	static ClientMeter start() {
		return new ClientMeter(counters());
	}

	/**
	 * Return what the client's threads spent since {@link #start()}. Threads that ended
	 * in between are lost; the scenarios' threads live for the whole run.
	 * @return CPU nanoseconds and allocated bytes
	 */
	Cost stop() {
		long cpu = 0;
		long allocated = 0;
		Map<String, Long> groups = new TreeMap<>();
		for (Map.Entry<Long, long[]> entry : counters().entrySet()) {
			long[] before = this.start.getOrDefault(entry.getKey(), new long[3]);
			cpu += entry.getValue()[0] - before[0];
			allocated += entry.getValue()[1] - before[1];
			groups.merge(NAMES.get(entry.getKey()), entry.getValue()[0] - before[0], Long::sum);
		}
		if (PRINT_THREADS) {
			groups.values().removeIf((nanos) -> nanos < 1_000_000);
			groups.replaceAll((name, nanos) -> nanos / 1_000_000);
			System.out.println("    CPU ms by thread: " + groups);
		}
		return new Cost(cpu, allocated);
	}

	private static Map<Long, long[]> counters() {
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		long[] cpu = THREADS.getThreadCpuTime(ids);
		long[] allocated = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, long[]> counters = new HashMap<>(ids.length * 2);
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && !infos[i].getThreadName().startsWith(StubServer.THREAD_PREFIX) && cpu[i] >= 0) {
				counters.put(ids[i], new long[] { cpu[i], allocated[i] });
				NAMES.putIfAbsent(ids[i], infos[i].getThreadName().replaceAll("[0-9]+$", "N"));
			}
		}
		return counters;
	}

	/**
	 * What the client spent.
	 *
	 * @param cpuNanos CPU time in nanoseconds
	 * @param allocatedBytes bytes allocated on the heap
	 */
	record Cost(long cpuNanos, long allocatedBytes) {

	}

}
