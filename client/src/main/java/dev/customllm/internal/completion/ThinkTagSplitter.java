package dev.customllm.internal.completion;

/**
 * Splits a leading {@code <think>…</think>} out of an answer's text, for servers that run
 * a reasoning model without a reasoning parser: the text between the tags becomes
 * reasoning, what follows the closing tag (blanks after it dropped) the answer. The text
 * is fed in pieces as a stream delivers it, whatever pieces the tags fall across; only
 * what may still be part of a tag is held back. Text that does not start with
 * {@code <think>} (after blanks) passes unchanged; a {@code <think>} never closed is
 * reasoning to the end. Not thread-safe: one instance per answer.
 *
 * @author Custom LLM team
 */
final class ThinkTagSplitter {

	private static final String OPEN = "<think>";

	private static final String CLOSE = "</think>";

	/**
	 * What a piece splits into, either part possibly empty.
	 *
	 * @param reasoning the reasoning it adds
	 * @param text the answer text it adds
	 */
	record Split(String reasoning, String text) {

		static final Split NONE = new Split("", "");

		boolean isEmpty() {
			return this.reasoning.isEmpty() && this.text.isEmpty();
		}

	}

	private enum State {

		/** Before the answer's first non-blank: it may open a think tag. */
		START,
		/** Inside the tag, before any non-blank of the reasoning. */
		THINKING_START,
		/** Inside the tag. */
		THINKING,
		/** After the closing tag, before any non-blank of the answer. */
		ANSWER_START,
		/** In the answer. */
		ANSWER

	}

	private final StringBuilder held = new StringBuilder();

	private State state = State.START;

	/**
	 * Split a whole text.
	 * @param text the text
	 * @return its reasoning and answer
	 */
	static Split split(String text) {
		ThinkTagSplitter splitter = new ThinkTagSplitter();
		Split first = splitter.feed(text);
		Split last = splitter.finish();
		return new Split(first.reasoning + last.reasoning, first.text + last.text);
	}

	/**
	 * Split the next piece of the text.
	 * @param piece the piece
	 * @return what can be told of it now; what may still be part of a tag is held
	 */
	Split feed(String piece) {
		return switch (this.state) {
			case ANSWER -> new Split("", piece);
			case START -> start(piece);
			case ANSWER_START -> answer(piece);
			default -> thinking(piece);
		};
	}

	/**
	 * End the text.
	 * @return what was held back: text that only looked like the start of a tag, or the
	 * reasoning of a tag never closed
	 */
	Split finish() {
		String rest = this.held.toString();
		this.held.setLength(0);
		State ended = this.state;
		this.state = State.ANSWER;
		return switch (ended) {
			case START -> new Split("", rest);
			case THINKING -> new Split(rest.stripTrailing(), "");
			default -> Split.NONE;
		};
	}

	private Split start(String piece) {
		this.held.append(piece);
		int first = firstNonBlank(this.held);
		int length = this.held.length() - first;
		if (length >= OPEN.length() && this.held.indexOf(OPEN, first) == first) {
			String after = this.held.substring(first + OPEN.length());
			this.held.setLength(0);
			this.state = State.THINKING_START;
			return thinking(after);
		}
		if (OPEN.regionMatches(0, this.held.toString(), first, length)) {
			return Split.NONE;
		}
		String text = this.held.toString();
		this.held.setLength(0);
		this.state = State.ANSWER;
		return new Split("", text);
	}

	private Split thinking(String piece) {
		if (this.state == State.THINKING_START) {
			piece = piece.stripLeading();
			if (piece.isEmpty()) {
				return Split.NONE;
			}
			this.state = State.THINKING;
		}
		this.held.append(piece);
		int end = this.held.indexOf(CLOSE);
		if (end >= 0) {
			String reasoning = this.held.substring(0, end).stripTrailing();
			String after = this.held.substring(end + CLOSE.length());
			this.held.setLength(0);
			this.state = State.ANSWER_START;
			return new Split(reasoning, answer(after).text);
		}
		int keep = heldBack(this.held);
		String reasoning = this.held.substring(0, keep);
		this.held.delete(0, keep);
		return reasoning.isEmpty() ? Split.NONE : new Split(reasoning, "");
	}

	private Split answer(String piece) {
		String text = piece.stripLeading();
		if (text.isEmpty()) {
			return Split.NONE;
		}
		this.state = State.ANSWER;
		return new Split("", text);
	}

	/**
	 * Return where the part of the reasoning that may still belong to the closing tag
	 * starts: the longest end that begins {@code </think>}, with the blanks before it
	 * (they are dropped if the tag closes there).
	 */
	private static int heldBack(StringBuilder held) {
		String text = held.toString();
		int length = text.length();
		int start = length;
		for (int size = Math.min(CLOSE.length() - 1, length); size > 0; size--) {
			if (CLOSE.regionMatches(0, text, length - size, size)) {
				start = length - size;
				break;
			}
		}
		while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
			start--;
		}
		return start;
	}

	private static int firstNonBlank(CharSequence text) {
		int at = 0;
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
		return at;
	}

}
