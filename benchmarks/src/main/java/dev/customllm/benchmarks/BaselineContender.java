package dev.customllm.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.ByteProcessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor: the same HTTP exchanges written by hand on Reactor Netty's
 * {@link HttpClient} with a dedicated {@link ConnectionProvider}, bodies written and read
 * with Jackson's streaming API ({@link BaselineJson}), no Spring. It checks the status
 * and reads what the library reads, and nothing more.
 *
 * @author Custom LLM team
 */
final class BaselineContender implements Contender {

	private final ContenderSettings settings;

	private final ConnectionProvider pool;

	private final HttpClient json;

	private final HttpClient events;

	BaselineContender(ContenderSettings settings) {
		this.settings = settings;
		this.pool = ConnectionProvider.builder("baseline")
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(ContenderSettings.MAX_IDLE_TIME)
			.build();
		HttpClient http = HttpClient.create(this.pool)
			.protocol(HttpProtocol.HTTP11)
			.baseUrl(settings.baseUrl())
			.responseTimeout(ContenderSettings.RESPONSE_TIMEOUT)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) ContenderSettings.CONNECT_TIMEOUT.toMillis())
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + ContenderSettings.API_KEY)
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
		this.json = http.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "application/json"));
		this.events = http.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "text/event-stream"));
	}

	@Override
	public String name() {
		return "baseline";
	}

	@Override
	public Mono<String> chat(String prompt) {
		return post(this.json, "/chat/completions", BaselineJson.chatRequest(ContenderSettings.MODEL, prompt, false))
			.response((response, body) -> {
				ContentReader reader = new ContentReader();
				return check(response).then(body.doOnNext(reader::feed).then(Mono.fromCallable(reader::finish)));
			})
			.single();
	}

	@Override
	public Flux<String> stream(String prompt) {
		return Flux.defer(() -> {
			EventSplitter events = new EventSplitter();
			return post(this.events, "/chat/completions",
					BaselineJson.chatRequest(ContenderSettings.MODEL, prompt, true))
				.response((response, body) -> check(response).thenMany(body))
				.<String>handle((buffer, sink) -> events.feed(buffer, sink::next))
				.concatWith(Mono.<String>fromRunnable(events::checkDone));
		});
	}

	@Override
	public Mono<List<float[]>> embedAll(List<String> texts) {
		int batchSize = this.settings.batchSize();
		int batches = (texts.size() + batchSize - 1) / batchSize;
		float[][] vectors = new float[texts.size()][];
		return Flux.range(0, batches).flatMap((batch) -> {
			int offset = batch * batchSize;
			List<String> input = texts.subList(offset, Math.min(texts.size(), offset + batchSize));
			return embedBatch(input).doOnNext((answer) -> place(vectors, offset, input.size(), answer));
		}, this.settings.maxConcurrency()).then(Mono.fromSupplier(() -> Arrays.asList(vectors)));
	}

	private Mono<float[][]> embedBatch(List<String> input) {
		byte[] body = BaselineJson.embeddingsRequest("bench-embedding", input, this.settings.base64());
		return post(this.json, "/embeddings", body).response((response, content) -> {
			EmbeddingsReader reader = new EmbeddingsReader(input.size());
			return check(response).then(content.doOnNext(reader::feed).then(Mono.fromCallable(reader::finish)));
		}).single();
	}

	private void place(float[][] vectors, int offset, int size, float[][] answer) {
		for (int i = 0; i < size; i++) {
			if (answer[i] == null || answer[i].length != this.settings.dimensions()) {
				throw new IllegalStateException("embedding " + i + " is missing or of the wrong length");
			}
			vectors[offset + i] = answer[i];
		}
	}

	private static HttpClient.ResponseReceiver<?> post(HttpClient http, String path, byte[] body) {
		return http.post().uri(path).send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
	}

	private static Mono<Void> check(HttpClientResponse response) {
		int status = response.status().code();
		return (status / 100 == 2) ? Mono.empty()
				: Mono.error(new IllegalStateException("status " + status + " from " + response.uri()));
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

	/**
	 * Splits a server-sent event stream into the JSON payloads of its {@code data:} lines
	 * and reads the text of each with {@link BaselineJson#chunkText(byte[], int, int)}.
	 * Lines may be split across buffers.
	 */
	static final class EventSplitter {

		private byte[] line = new byte[1024];

		private int length;

		private boolean done;

		void feed(ByteBuf buffer, Consumer<String> texts) {
			int start = buffer.readerIndex();
			int end = buffer.writerIndex();
			while (start < end) {
				int lf = buffer.forEachByte(start, end - start, ByteProcessor.FIND_LF);
				int stop = (lf < 0) ? end : lf;
				append(buffer, start, stop - start);
				if (lf < 0) {
					return;
				}
				endLine(texts);
				start = lf + 1;
			}
		}

		private void append(ByteBuf buffer, int index, int length) {
			if (this.length + length > this.line.length) {
				this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.length + length));
			}
			buffer.getBytes(index, this.line, this.length, length);
			this.length += length;
		}

		void feed(byte[] bytes, Consumer<String> texts) {
			for (byte b : bytes) {
				next(b, texts);
			}
		}

		private void next(byte b, Consumer<String> texts) {
			if (b == '\n') {
				endLine(texts);
			}
			else if (b != '\r') {
				append(b);
			}
		}

		private void append(byte b) {
			if (this.length == this.line.length) {
				this.line = Arrays.copyOf(this.line, this.length * 2);
			}
			this.line[this.length++] = b;
		}

		private void endLine(Consumer<String> texts) {
			int length = this.length;
			this.length = 0;
			if (length > 0 && this.line[length - 1] == '\r') {
				length--;
			}
			if (length < 6 || !startsWithData()) {
				return;
			}
			int start = (this.line[5] == ' ') ? 6 : 5;
			if (length - start == 6 && this.line[start] == '[' && this.line[start + 1] == 'D') {
				this.done = true;
				return;
			}
			String text = BaselineJson.chunkText(this.line, start, length - start);
			if (text != null && !text.isEmpty()) {
				texts.accept(text);
			}
		}

		private boolean startsWithData() {
			return this.line[0] == 'd' && this.line[1] == 'a' && this.line[2] == 't' && this.line[3] == 'a'
					&& this.line[4] == ':';
		}

		void checkDone() {
			if (!this.done) {
				throw new IllegalStateException("stream ended before [DONE]");
			}
		}

	}

}
