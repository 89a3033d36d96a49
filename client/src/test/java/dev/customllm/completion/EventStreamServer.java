package dev.customllm.completion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare HTTP/1.1 server on loopback that answers each request with a script writing a
 * chunked {@code text/event-stream} byte by byte if need be, pausing, or dropping the
 * connection: what WireMock cannot do. Connections are kept alive between requests.
 *
 * @author Custom LLM team
 */
final class EventStreamServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Script script;

	private final List<String> requestBodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger closedByClient = new AtomicInteger();

	private final AtomicLong bytesWritten = new AtomicLong();

	EventStreamServer(Script script) throws IOException {
		this.script = script;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort() + "/v1";
	}

	List<String> requestBodies() {
		return this.requestBodies;
	}

	int connections() {
		return this.connections.get();
	}

	int closedByClient() {
		return this.closedByClient.get();
	}

	long bytesWritten() {
		return this.bytesWritten.get();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.incrementAndGet();
				this.executor.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			InputStream in = socket.getInputStream();
			String body;
			while ((body = readRequest(in)) != null) {
				this.requestBodies.add(body);
				Exchange exchange = new Exchange(socket, body);
				this.script.answer(exchange);
				if (exchange.closed) {
					return;
				}
			}
		}
		catch (IOException ex) {
			this.closedByClient.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				break;
			}
		}
		if (b == -1) {
			return null;
		}
		int length = 0;
		for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.executor.shutdownNow();
	}

	/**
	 * What the server does with one request.
	 */
	@FunctionalInterface
	interface Script {

		void answer(Exchange exchange) throws IOException, InterruptedException;

	}

	/**
	 * One request and the means to answer it.
	 */
	final class Exchange {

		private final Socket socket;

		private final OutputStream out;

		private final String requestBody;

		private boolean closed;

		Exchange(Socket socket, String requestBody) throws IOException {
			this.socket = socket;
			this.out = socket.getOutputStream();
			this.requestBody = requestBody;
		}

		String requestBody() {
			return this.requestBody;
		}

		/**
		 * Send the status line and headers of a chunked answer.
		 */
		Exchange open(int status, String contentType) throws IOException {
			write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			return this;
		}

		Exchange openEventStream() throws IOException {
			return open(200, "text/event-stream");
		}

		/**
		 * Send text as one HTTP chunk.
		 */
		Exchange send(String text) throws IOException {
			return sendChunk(text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Send text one byte per HTTP chunk, each written and flushed on its own.
		 */
		Exchange sendByteByByte(String text) throws IOException {
			for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
				sendChunk(new byte[] { b });
			}
			return this;
		}

		Exchange sendChunk(byte[] bytes) throws IOException {
			write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			write(bytes);
			write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			return this;
		}

		Exchange pause(long millis) throws InterruptedException {
			Thread.sleep(millis);
			return this;
		}

		/**
		 * End the answer properly, keeping the connection open for the next request.
		 */
		void end() throws IOException {
			write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}

		/**
		 * Drop the connection without ending the answer.
		 */
		void cut() throws IOException {
			this.closed = true;
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}

		/**
		 * Send a complete answer with a body and close the connection.
		 */
		void answer(int status, String contentType, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			write(bytes);
		}

		private void write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
			EventStreamServer.this.bytesWritten.addAndGet(bytes.length);
		}

	}

}
