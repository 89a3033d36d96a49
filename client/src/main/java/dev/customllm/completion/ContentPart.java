package dev.customllm.completion;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One part of a user message made of several: text, or an image given by URL or by its
 * bytes (sent as a base64 {@code data:} URL). A message of text parts only is sent as a
 * plain string, so that servers that only accept strings keep working. Immutable.
 *
 * <pre class="code">
 * Message question = Message.user(List.of(
 *     ContentPart.text("What is on this receipt?"),
 *     ContentPart.image(Files.readAllBytes(receipt), "image/png").withDetail("high")));
 * </pre>
 *
 * @author Custom LLM team
 * @see Message#user(java.util.List)
 * @since 0.1.0
 */
public final class ContentPart {

	/**
	 * The image types accepted by {@link #image(byte[], String)} and in {@code data:}
	 * URLs: those OpenAI-compatible vision models are known to read.
	 */
	public static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

	private static final Set<String> DETAILS = Set.of("auto", "low", "high");

	private final @Nullable String text;

	private final @Nullable String imageUrl;

	private final byte @Nullable [] data;

	private final @Nullable String imageType;

	private final @Nullable String detail;

	private final long imageBytes;

	private ContentPart(@Nullable String text, @Nullable String imageUrl, @Nullable String detail, long imageBytes) {
		this(text, imageUrl, null, null, detail, imageBytes);
	}

	private ContentPart(@Nullable String text, @Nullable String imageUrl, byte @Nullable [] data,
			@Nullable String imageType, @Nullable String detail, long imageBytes) {
		this.text = text;
		this.imageUrl = imageUrl;
		this.data = data;
		this.imageType = imageType;
		this.detail = detail;
		this.imageBytes = imageBytes;
	}

	/**
	 * Create a part of text.
	 * @param text the text
	 * @return the part
	 */
	public static ContentPart text(String text) {
		if (text == null) {
			throw new IllegalArgumentException("text must not be null");
		}
		return new ContentPart(text, null, null, 0);
	}

	/**
	 * Create an image part from a URL the service fetches ({@code http:} or
	 * {@code https:}), or a {@code data:image/…;base64,…} URL.
	 * @param url the URL of the image
	 * @return the part
	 * @throws IllegalArgumentException if the URL is blank, of another scheme, or a
	 * {@code data:} URL of an unknown image type or without data
	 */
	public static ContentPart imageUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("imageUrl must not be blank");
		}
		String lower = url.substring(0, Math.min(url.length(), 8)).toLowerCase(Locale.ROOT);
		if (lower.startsWith("data:")) {
			return new ContentPart(null, url, null, dataUrlBytes(url));
		}
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			throw new IllegalArgumentException("imageUrl must be an http, https or data URL, but was '"
					+ url.substring(0, Math.min(url.length(), 40)) + "'");
		}
		return new ContentPart(null, url, null, 0);
	}

	/**
	 * Create an image part from the image's bytes, sent as a base64 {@code data:} URL.
	 * The bytes are not copied: they are encoded straight into the body of each request
	 * that carries the part, so the array must not change after.
	 * @param data the image
	 * @param mimeType the image type, one of {@link #IMAGE_TYPES}
	 * @return the part
	 * @throws IllegalArgumentException if the data is empty or the type unknown
	 */
	public static ContentPart image(byte[] data, String mimeType) {
		if (data == null || data.length == 0) {
			throw new IllegalArgumentException("image data must not be empty");
		}
		String type = checkType(mimeType);
		return new ContentPart(null, null, data, type, null, data.length);
	}

	private static String checkType(@Nullable String mimeType) {
		String type = (mimeType != null) ? mimeType.strip().toLowerCase(Locale.ROOT) : "";
		if (!IMAGE_TYPES.contains(type)) {
			throw new IllegalArgumentException("mimeType must be one of " + IMAGE_TYPES.stream().sorted().toList()
					+ ", but was '" + mimeType + "'");
		}
		return type;
	}

	private static long dataUrlBytes(String url) {
		int comma = url.indexOf(',');
		String header = (comma > 5) ? url.substring(5, comma) : "";
		if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
			throw new IllegalArgumentException("imageUrl of scheme data must be data:<image type>;base64,<data>");
		}
		checkType(header.substring(0, header.length() - ";base64".length()));
		int length = url.length() - comma - 1;
		int padding = (url.endsWith("==")) ? 2 : (url.endsWith("=") ? 1 : 0);
		long bytes = (long) length / 4 * 3 - padding;
		if (bytes <= 0) {
			throw new IllegalArgumentException("image data must not be empty");
		}
		return bytes;
	}

	/**
	 * Return a copy of this image part with a level of detail, which vision models use to
	 * trade accuracy for tokens.
	 * @param detail {@code auto}, {@code low} or {@code high}
	 * @return the copy
	 * @throws IllegalArgumentException if the detail is another value or this part is
	 * text
	 */
	public ContentPart withDetail(String detail) {
		if (!isImage()) {
			throw new IllegalArgumentException("detail applies to image parts, not to text");
		}
		if (detail == null || !DETAILS.contains(detail)) {
			throw new IllegalArgumentException("detail must be auto, low or high, but was '" + detail + "'");
		}
		return new ContentPart(null, this.imageUrl, this.data, this.imageType, detail, this.imageBytes);
	}

	/**
	 * Return whether this part is an image.
	 * @return {@code true} for an image, {@code false} for text
	 */
	public boolean isImage() {
		return this.imageUrl != null || this.data != null;
	}

	/**
	 * Return the text of a text part.
	 * @return the text, or {@code null} for an image
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * Return the URL of an image part: the URL given, or the {@code data:} URL of the
	 * bytes, encoded anew on each call (requests never call this: they encode the bytes
	 * straight into their body).
	 * @return the URL, or {@code null} for text
	 */
	public @Nullable String imageUrl() {
		byte[] bytes = this.data;
		if (bytes != null) {
			return "data:" + this.imageType + ";base64," + Base64.getEncoder().encodeToString(bytes);
		}
		return this.imageUrl;
	}

	/**
	 * Return the bytes of an image part made from its bytes ({@link #image}), as a
	 * read-only view, without a copy.
	 * @return the image's bytes, or {@code null} for text and for an image given by a URL
	 */
	public @Nullable ByteBuffer imageData() {
		byte[] bytes = this.data;
		return (bytes != null) ? ByteBuffer.wrap(bytes).asReadOnlyBuffer() : null;
	}

	/**
	 * Return the type of an image part made from its bytes ({@link #image}).
	 * @return the image type, such as {@code image/png}, or {@code null} for text and for
	 * an image given by a URL
	 */
	public @Nullable String imageType() {
		return this.imageType;
	}

	/**
	 * Return the level of detail asked for an image.
	 * @return {@code auto}, {@code low}, {@code high}, or {@code null} for the service's
	 * default
	 */
	public @Nullable String detail() {
		return this.detail;
	}

	/**
	 * Return the size of the image data this part carries.
	 * @return the bytes of an image given by its data or by a {@code data:} URL; 0 for
	 * text and for an image the service fetches
	 */
	public long imageBytes() {
		return this.imageBytes;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ContentPart that) && Objects.equals(this.text, that.text)
				&& Objects.equals(this.imageUrl, that.imageUrl) && Arrays.equals(this.data, that.data)
				&& Objects.equals(this.imageType, that.imageType) && Objects.equals(this.detail, that.detail);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.imageUrl, Arrays.hashCode(this.data), this.imageType, this.detail);
	}

	@Override
	public String toString() {
		if (!isImage()) {
			return "ContentPart[text]";
		}
		String source = (this.imageBytes > 0) ? this.imageBytes + " bytes inline" : "linked";
		return "ContentPart[image, " + source + ((this.detail != null) ? ", detail " + this.detail : "") + "]";
	}

}
