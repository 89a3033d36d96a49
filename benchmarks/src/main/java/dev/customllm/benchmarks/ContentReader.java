package dev.customllm.benchmarks;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * The floor's chat answer reader: Jackson's non-blocking parser fed each network buffer
 * in place, every token walked (as the blocking reader did), the first {@code content}
 * string kept. No array joins the answer's buffers.
 *
 * @author Custom LLM team
 */
final class ContentReader {

	private static final JsonFactory JSON = new JsonFactory();

	private final JsonParser parser = JSON.createNonBlockingByteBufferParser(ObjectReadContext.empty());

	private final ByteBufferFeeder feeder = (ByteBufferFeeder) this.parser.nonBlockingInputFeeder();

	private @Nullable String content;

	/**
	 * Parse what a buffer holds; the buffer is not kept.
	 * @param buffer the next bytes of the answer
	 */
	void feed(ByteBuf buffer) {
		if (buffer.nioBufferCount() == 1) {
			feed(buffer.internalNioBuffer(buffer.readerIndex(), buffer.readableBytes()));
			return;
		}
		for (ByteBuffer nio : buffer.nioBuffers()) {
			feed(nio);
		}
	}

	private void feed(ByteBuffer nio) {
		this.feeder.feedInput(nio);
		drain();
	}

	private void drain() {
		JsonToken token;
		while ((token = this.parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
			if (token == JsonToken.VALUE_STRING && this.content == null
					&& "content".equals(this.parser.currentName())) {
				this.content = this.parser.getString();
			}
		}
	}

	/**
	 * Finish the answer.
	 * @return the text of the first choice
	 */
	String finish() {
		this.feeder.endOfInput();
		drain();
		this.parser.close();
		if (this.content == null) {
			throw new IllegalStateException("no content in the answer");
		}
		return this.content;
	}

}
