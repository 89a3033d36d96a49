package dev.customllm.internal.http;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

import dev.customllm.LlmOperation;
import dev.customllm.LlmResponseException;

/**
 * The part that every {@link AnswerParser} of a JSON answer shares: Jackson's
 * non-blocking parser fed each network buffer in place, its tokens handed to the
 * subclass's {@link #read(JsonToken)} by mode, the answer's value started, unknown values
 * skipped, and any value of an unexpected shape copied whole and handed to the JSON
 * mapper ({@link #captured(JsonParser)}), so that it is read or refused as the wire
 * records declare it. The answer's own value, when it is not an object, is read by the
 * mapper as the answer type. Tokens after the answer are refused as the mapper refuses
 * them. Not thread-safe: one instance per answer.
 *
 * @param <T> the answer type
 * @author Custom LLM team
 */
public abstract class JsonAnswerParser<T> implements AnswerParser<T> {

	/** Expecting the answer's value; a subclass numbers its own modes from 1. */
	protected static final int START = 0;

	/** Skipping an unknown member's value. */
	private static final int SKIP = -1;

	/** Copying a value for the mapper. */
	private static final int CAPTURE = -2;

	/** After the answer's value. */
	protected static final int DONE = -3;

	/** What the non-blocking parser holds besides the text of the current value. */
	protected static final int PARSER_WINDOW = 8192;

	private final LlmOperation operation;

	private final JsonMapper jsonMapper;

	private final Class<T> answerType;

	private final int objectMode;

	private final JsonParser parser;

	private final ByteBufferFeeder feeder;

	private final boolean failOnTrailingTokens;

	/**
	 * The subclass's mode, or one of {@link #START}, {@link #DONE} and the private ones.
	 */
	private int mode = START;

	/** Where a skipped or captured value returns to. */
	private int returnMode;

	/** The open structures of a skipped or captured value. */
	private int depth;

	private @Nullable TokenBuffer captured;

	private @Nullable T result;

	/**
	 * The bytes fed since the last token the parser returned: at most its current token.
	 */
	private long pending;

	/** The most bytes that one token took. */
	private long longest;

	/** The bytes fed so far. */
	private long fed;

	/**
	 * Create a parser for one answer.
	 * @param operation the operation, for errors
	 * @param jsonMapper reads the values of unexpected shapes
	 * @param answerType the type the mapper reads an answer that is not an object as
	 * @param objectMode the mode once the answer's object starts, or {@link #DONE} to
	 * have the mapper read the whole answer, object or not, as the answer type
	 */
	protected JsonAnswerParser(LlmOperation operation, JsonMapper jsonMapper, Class<T> answerType, int objectMode) {
		this.operation = operation;
		this.jsonMapper = jsonMapper;
		this.answerType = answerType;
		this.objectMode = objectMode;
		this.parser = jsonMapper.tokenStreamFactory().createNonBlockingByteBufferParser(ObjectReadContext.empty());
		this.feeder = (ByteBufferFeeder) this.parser.nonBlockingInputFeeder();
		this.failOnTrailingTokens = jsonMapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	@Override
	public final void feed(ByteBuffer bytes) {
		int length = bytes.remaining();
		this.fed += length;
		this.pending += length;
		this.longest = Math.max(this.longest, this.pending);
		this.feeder.feedInput(bytes);
		if (drain()) {
			// the current token, if any, started within this buffer
			this.pending = length;
		}
	}

	@Override
	public final @Nullable T finish() {
		this.feeder.endOfInput();
		drain();
		if (this.mode != DONE) {
			throw unreadable("no JSON value in the answer");
		}
		return this.result;
	}

	/**
	 * {@inheritDoc} The parser's window and the text of its longest token, two bytes a
	 * character, counted from the bytes it took as they arrive: a long text is held by
	 * the parser while it is read, before the answer holds it.
	 */
	@Override
	public long heldBytes() {
		return PARSER_WINDOW + 2 * this.longest;
	}

	@Override
	public final void close() {
		this.parser.close();
	}

	/**
	 * Read the tokens of the bytes fed so far; return whether there were any.
	 */
	private boolean drain() {
		boolean any = false;
		JsonToken token;
		while ((token = this.parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
			any = true;
			switch (this.mode) {
				case START -> start(token);
				case SKIP -> skip(token);
				case CAPTURE -> capture(token);
				case DONE -> {
					if (this.failOnTrailingTokens) {
						throw unreadable("trailing token (" + token + ") after the answer");
					}
				}
				default -> read(token);
			}
		}
		return any;
	}

	private void start(JsonToken token) {
		if (token == JsonToken.START_OBJECT && this.objectMode != DONE) {
			this.mode = this.objectMode;
		}
		else if (token == JsonToken.VALUE_NULL) {
			this.mode = DONE;
		}
		else {
			startCapture(token, DONE);
		}
	}

	/**
	 * Read the next token in the subclass's current {@link #mode()}.
	 * @param token the token
	 */
	protected abstract void read(JsonToken token);

	/**
	 * Read a value captured by {@link #startCapture}, once whole; {@link #mode()} is the
	 * mode it returned to.
	 * @param values the captured value, for the mapper
	 */
	protected abstract void captured(JsonParser values);

	/**
	 * Return the number of bytes fed so far.
	 * @return the bytes
	 */
	protected final long fedBytes() {
		return this.fed;
	}

	/**
	 * Return the parser, positioned on the current token.
	 * @return the parser
	 */
	protected final JsonParser parser() {
		return this.parser;
	}

	/**
	 * Return the mapper, for captured values.
	 * @return the mapper
	 */
	protected final JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Return the current mode.
	 * @return the mode
	 */
	protected final int mode() {
		return this.mode;
	}

	/**
	 * Change the mode.
	 * @param mode the next mode
	 */
	protected final void mode(int mode) {
		this.mode = mode;
	}

	/**
	 * End the answer's value with its answer.
	 * @param result the answer
	 */
	protected final void done(T result) {
		this.result = result;
		this.mode = DONE;
	}

	/**
	 * Skip the value that starts with a token: nothing for a scalar, every token up to
	 * its end for an object or an array.
	 * @param token the value's first token
	 * @param returnTo the mode after the value
	 */
	protected final void startSkip(JsonToken token, int returnTo) {
		if (token.isStructStart()) {
			this.depth = 1;
			this.returnMode = returnTo;
			this.mode = SKIP;
		}
	}

	private void skip(JsonToken token) {
		if (token.isStructStart()) {
			this.depth++;
		}
		else if (token.isStructEnd() && --this.depth == 0) {
			this.mode = this.returnMode;
		}
	}

	/**
	 * Copy the value that starts with a token, for the mapper: handed to
	 * {@link #captured(JsonParser)} once whole.
	 * @param token the value's first token
	 * @param returnTo the mode after the value
	 */
	protected final void startCapture(JsonToken token, int returnTo) {
		this.captured = TokenBuffer.forBuffering(this.parser, ObjectReadContext.empty());
		this.depth = 0;
		this.returnMode = returnTo;
		this.mode = CAPTURE;
		capture(token);
	}

	private void capture(JsonToken token) {
		TokenBuffer buffer = Objects.requireNonNull(this.captured, "no capture started");
		buffer.copyCurrentEvent(this.parser);
		if (token.isStructStart()) {
			this.depth++;
		}
		else if (token.isStructEnd()) {
			this.depth--;
		}
		if (this.depth > 0) {
			return;
		}
		this.captured = null;
		this.mode = this.returnMode;
		try (JsonParser values = buffer.asParser(ObjectReadContext.empty())) {
			if (this.mode == DONE) {
				this.result = this.jsonMapper.readValue(values, this.answerType);
			}
			else {
				captured(values);
			}
		}
	}

	/**
	 * Return the failure for an answer that cannot be read.
	 * @param problem what is wrong
	 * @return the exception
	 */
	protected final LlmResponseException unreadable(String problem) {
		return new LlmResponseException(this.operation, "unreadable JSON answer: " + problem);
	}

}
