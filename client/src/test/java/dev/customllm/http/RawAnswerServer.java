package dev.customllm.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request with the same raw bytes, whatever they
 * are, and counts the requests: for answers that are not valid HTTP.
 */
final class RawAnswerServer implements AutoCloseable {

	private final ServerSocket socket;

	private final AtomicInteger requests = new AtomicInteger();

	private final Thread acceptor;

	RawAnswerServer(byte[] answer) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					connection.setSoTimeout(5000);
					readHead(connection.getInputStream());
					this.requests.incrementAndGet();
					OutputStream out = connection.getOutputStream();
					out.write(answer);
					out.flush();
				}
				catch (IOException ex) {
					// closed, or the client went away
				}
			}
		}, "raw-answer-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	RawAnswerServer(String answer) throws IOException {
		this(answer.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int length = 0;
		StringBuilder head = new StringBuilder();
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return;
			}
			head.append((char) b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		for (String line : head.toString().split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		in.readNBytes(length);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + "/v1";
	}

	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
