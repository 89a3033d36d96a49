package dev.customllm.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one-CPU mode ({@code --one-cpu}): the shape of a small container. The benchmark
 * runs again in a child JVM with
 * {@code -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xmx2g}, and, where {@code taskset}
 * and {@code /proc} are present, every thread of the client (and the JVM's own: compiler,
 * GC) is pinned to CPU 0 while the stub's threads are pinned to CPU 1, so that the stub
 * does not take the client's core. Threads are pinned as they appear, by a watcher that
 * scans {@code /proc/self/task} every 50 ms.
 *
 * @author Custom LLM team
 */
final class OneCpu {

	static final String FLAG = "--one-cpu";

	private static final String CHILD = "benchmarks.one-cpu";

	private static final List<String> JVM_FLAGS = List.of("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xmx2g");

	private OneCpu() {
	}

	/**
	 * Whether this JVM is the one-CPU child.
	 * @return whether it is
	 */
	static boolean isChild() {
		return Boolean.getBoolean(CHILD);
	}

	/**
	 * Run the benchmark in a one-CPU child JVM with the same arguments, and wait for it.
	 * @param args the arguments of this run
	 * @return the child's exit code
	 */
	static int relaunch(String[] args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_FLAGS);
		command.add("-D" + CHILD + "=true");
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("benchmarks."))
			.forEach((name) -> command.add("-D" + name + "=" + System.getProperty(name)));
		String classPath = System.getProperty("java.class.path");
		boolean jar = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
		command.addAll(jar ? List.of("-jar", classPath) : List.of("-cp", classPath, Benchmarks.class.getName()));
		Arrays.stream(args).filter((arg) -> !arg.equals(FLAG)).forEach(command::add);
		System.out.println("One-CPU mode: " + String.join(" ", command.subList(0, JVM_FLAGS.size() + 2)));
		return new ProcessBuilder(command).inheritIO().start().waitFor();
	}

	/**
	 * In the child, start pinning threads when {@code taskset} is present.
	 * @return how threads are pinned, for the report
	 */
	static String pinThreads() {
		if (!new File("/proc/self/task").isDirectory() || !canRun("taskset", "-V")) {
			return "not pinned (no taskset or /proc): one CPU by the JVM's flags only";
		}
		Thread watcher = new Thread(OneCpu::watch, StubServer.THREAD_PREFIX + "pinner");
		watcher.setDaemon(true);
		watcher.start();
		return "client and JVM threads pinned to CPU 0, the stub's to CPU 1 (taskset)";
	}

	private static void watch() {
		Set<String> pinned = new HashSet<>();
		while (true) {
			try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
				tasks.map((task) -> task.getFileName().toString()).filter(pinned::add).forEach(OneCpu::pin);
				Thread.sleep(50);
			}
			catch (IOException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void pin(String tid) {
		try {
			String name = Files.readString(Path.of("/proc/self/task", tid, "comm")).trim();
			String cpu = name.startsWith(StubServer.THREAD_PREFIX) ? "1" : "0";
			canRun("taskset", "-pc", cpu, tid);
		}
		catch (IOException ex) {
			// the thread ended
		}
	}

	private static boolean canRun(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
