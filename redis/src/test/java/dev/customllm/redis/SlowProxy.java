package dev.customllm.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy on loopback that delays every byte sent to the server by a fixed time,
 * without slowing the throughput: a command pipelined behind another one is delayed by
 * the same time, not by the sum. The answers come back at once, so every round trip
 * through the proxy takes the delay longer.
 */
public final class SlowProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final long delayNanos;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	/**
	 * Start a proxy on a free port to {@code 127.0.0.1:target}.
	 */
	public SlowProxy(int target, Duration delay) {
		this.target = target;
		this.delayNanos = delay.toNanos();
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon(this::accept, "slow-proxy-accept").start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				client.setTcpNoDelay(true);
				Socket upstream = new Socket();
				upstream.setTcpNoDelay(true);
				upstream.connect(new InetSocketAddress("127.0.0.1", this.target), 2000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				BlockingQueue<Chunk> delayed = new LinkedBlockingQueue<>();
				daemon(() -> read(client, delayed), "slow-proxy-read").start();
				daemon(() -> writeWhenDue(delayed, upstream), "slow-proxy-write").start();
				daemon(() -> copy(upstream, client), "slow-proxy-answer").start();
			}
			catch (IOException ex) {
				// closed, or the server is gone: the client sees its connection fail
			}
		}
	}

	private void read(Socket from, BlockingQueue<Chunk> delayed) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				delayed.add(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + this.delayNanos));
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		delayed.add(new Chunk(new byte[0], System.nanoTime() + this.delayNanos));
	}

	private void writeWhenDue(BlockingQueue<Chunk> delayed, Socket to) {
		try (OutputStream out = to.getOutputStream()) {
			while (true) {
				Chunk chunk = delayed.take();
				long wait = chunk.due() - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				if (chunk.bytes().length == 0) {
					return;
				}
				out.write(chunk.bytes());
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void copy(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection closed
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private record Chunk(byte[] bytes, long due) {
	}

}
