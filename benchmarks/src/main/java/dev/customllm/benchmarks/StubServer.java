package dev.customllm.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A loopback stub of an OpenAI-compatible service on Reactor Netty's {@link HttpServer}:
 * {@code POST /v1/chat/completions} (unary, or server-sent events when the body asks for
 * a stream; a JSON answer when it has a response format), {@code POST /v1/responses} (the
 * Responses API, unary or its typed events) and {@code POST /v1/embeddings} (float arrays
 * or base64). Answers are built once by {@link StubResponses}; latency is a non-blocking
 * delay. Its threads are named {@code stub-…}, so that {@link ClientMeter} leaves them
 * out of the client's cost.
 *
 * @author Custom LLM team
 */
final class StubServer implements AutoCloseable {

	/**
	 * Prefix of the names of the stub's threads.
	 */
	static final String THREAD_PREFIX = "stub-";

	private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);

	/**
	 * What the prompt of a paced stream contains ({@link #pacedStreams}).
	 */
	static final String PACED_PROMPT = "Stream slowly, one chunk at a time.";

	private static final byte[] PACED = PACED_PROMPT.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] RESPONSE_FORMAT = "\"response_format\"".getBytes(StandardCharsets.US_ASCII);

	private static final JsonFactory JSON = new JsonFactory();

	private final StubResponses responses = new StubResponses();

	private final LoopResources loops = LoopResources.create(THREAD_PREFIX + "http", 1, true);

	private final Scheduler timer = Schedulers.newSingle(THREAD_PREFIX + "timer", true);

	private final AtomicLong chatRequests = new AtomicLong();

	private final AtomicLong embeddingRequests = new AtomicLong();

	private final DisposableServer server;

	private volatile Duration latency = Duration.ZERO;

	private volatile int streamChunks = 500;

	private volatile int dimensions = 1536;

	private volatile int pacedChunks = 30;

	private volatile Duration pace = Duration.ofSeconds(1);

	private volatile Duration pacedTail = Duration.ofSeconds(5);

	/**
	 * Start the stub on a free loopback port.
	 */
	StubServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11)
			.runOn(this.loops)
			.route((routes) -> routes.post("/v1/chat/completions", this::chat)
				.post("/v1/responses", this::responses)
				.post("/v1/embeddings", this::embed))
			.bindNow();
	}

	/**
	 * Return the base URL, ending in {@code /v1}.
	 * @return the base URL
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	/**
	 * Set the delay before each answer starts.
	 * @param latency the delay
	 */
	void latency(Duration latency) {
		this.latency = latency;
	}

	/**
	 * Set the number of text chunks of a stream.
	 * @param chunks the number of chunks
	 */
	void streamChunks(int chunks) {
		this.streamChunks = chunks;
	}

	/**
	 * Set the shape of paced streams, those whose prompt is {@link #PACED_PROMPT}: a
	 * number of text chunks, one per interval, each stamped with the moment it is written
	 * ({@link StubResponses#stampedChunk(long)}), then a quiet tail with the stream still
	 * open, then the last chunk and {@code [DONE]}.
	 * @param chunks the number of text chunks
	 * @param pace the interval between chunks
	 * @param tail how long the stream stays open after the last text chunk
	 */
	void pacedStreams(int chunks, Duration pace, Duration tail) {
		this.pacedChunks = chunks;
		this.pace = pace;
		this.pacedTail = tail;
	}

	/**
	 * Set the vector length of embeddings, unless a request asks for its own.
	 * @param dimensions the vector length
	 */
	void dimensions(int dimensions) {
		this.dimensions = dimensions;
	}

	/**
	 * Return the number of embeddings requests received.
	 * @return the count
	 */
	long embeddingRequests() {
		return this.embeddingRequests.get();
	}

	/**
	 * Return the number of chat requests received.
	 * @return the count
	 */
	long chatRequests() {
		return this.chatRequests.get();
	}

	/**
	 * Build the answers of a scenario ahead of time.
	 * @param count the number of inputs of an embeddings request
	 * @param base64 whether the request asks for base64
	 */
	void prepareEmbeddings(int count, boolean base64) {
		this.responses.embeddings(count, this.dimensions, base64);
	}

	private Publisher<Void> chat(HttpServerRequest request, HttpServerResponse response) {
		this.chatRequests.incrementAndGet();
		return request.receive()
			.aggregate()
			.asByteArray()
			.flatMap((body) -> delay().then(Mono
				.defer(() -> !contains(body, STREAM_TRUE) ? json(response, chatAnswer(body)) : contains(body, PACED)
						? pacedStream(response) : stream(response, this.responses.stream(this.streamChunks)))));
	}

	private Mono<Void> pacedStream(HttpServerResponse response) {
		int chunks = this.pacedChunks;
		Duration pace = this.pace;
		Flux<byte[]> text = Flux.interval(pace, pace, this.timer)
			.take(chunks)
			.map((tick) -> StubResponses.stampedChunk(System.nanoTime()));
		Flux<byte[]> end = Mono.delay(this.pacedTail, this.timer)
			.thenMany(Flux.fromArray(this.responses.streamEnd(chunks)));
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
			.send(text.concatWith(end).map(Unpooled::wrappedBuffer), (buffer) -> true)
			.then();
	}

	private Publisher<Void> responses(HttpServerRequest request, HttpServerResponse response) {
		this.chatRequests.incrementAndGet();
		return request.receive()
			.aggregate()
			.asByteArray()
			.flatMap((body) -> delay().then(Mono.defer(() -> contains(body, STREAM_TRUE)
					? stream(response, this.responses.responsesStream(this.streamChunks))
					: json(response, this.responses.responsesAnswer()))));
	}

	private byte[] chatAnswer(byte[] body) {
		return contains(body, RESPONSE_FORMAT) ? this.responses.structuredChat() : this.responses.chat();
	}

	private Publisher<Void> embed(HttpServerRequest request, HttpServerResponse response) {
		this.embeddingRequests.incrementAndGet();
		return request.receive()
			.aggregate()
			.asByteArray()
			.map(this::embeddingsAnswer)
			.flatMap((answer) -> delay().then(Mono.defer(() -> json(response, answer))));
	}

	private Mono<Long> delay() {
		Duration latency = this.latency;
		return latency.isZero() ? Mono.just(0L) : Mono.delay(latency, this.timer);
	}

	private static Mono<Void> json(HttpServerResponse response, byte[] body) {
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.then();
	}

	private static Mono<Void> stream(HttpServerResponse response, byte[][] events) {
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
			.send(Flux.fromArray(events).map(Unpooled::wrappedBuffer), (buffer) -> true)
			.then();
	}

	/**
	 * Read what an embeddings request asks for: the number of inputs, the encoding and
	 * the dimensions.
	 */
	private byte[] embeddingsAnswer(byte[] body) {
		int count = 0;
		boolean base64 = false;
		int dimensions = this.dimensions;
		try (JsonParser parser = JSON.createParser(body)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "input" -> count = (value == JsonToken.START_ARRAY) ? countItems(parser) : 1;
					case "encoding_format" -> base64 = "base64".equals(parser.getString());
					case "dimensions" -> dimensions = parser.getIntValue();
					default -> parser.skipChildren();
				}
			}
		}
		return this.responses.embeddings(count, dimensions, base64);
	}

	private static int countItems(JsonParser parser) {
		int count = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			parser.skipChildren();
			count++;
		}
		return count;
	}

	private static boolean contains(byte[] body, byte[] part) {
		outer: for (int i = 0; i <= body.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (body[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
		this.timer.dispose();
	}

}
