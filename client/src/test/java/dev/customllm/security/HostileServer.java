package dev.customllm.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A hostile service on loopback: each request is answered by a script that may stream
 * without end, trickle, or echo secrets. A script stops writing once the client went away
 * (its write fails) or after its own time bound.
 */
final class HostileServer implements AutoCloseable {

	private static final int HEAD = 8192;

	private final HttpServer server;

	private final ExecutorService executor;

	HostileServer(Script script) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "hostile-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				// the start of the body, for scripts that answer by what was asked; the
				// rest is
				// read and dropped, so that a large body is never held
				byte[] head = exchange.getRequestBody().readNBytes(HEAD);
				exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
				exchange.setAttribute("head", new String(head, StandardCharsets.UTF_8));
				script.answer(exchange);
			}
			catch (IOException | RuntimeException ex) {
				// the client went away
			}
		});
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/**
	 * Return the start of the request's body (8 KB at most).
	 */
	static String head(HttpExchange exchange) {
		return (String) exchange.getAttribute("head");
	}

	/**
	 * Open a chunked event stream.
	 */
	static OutputStream openStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	static void send(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@FunctionalInterface
	interface Script {

		void answer(HttpExchange exchange) throws IOException;

	}

}
