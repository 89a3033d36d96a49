package dev.customllm.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BodyBuffer}.
 *
 * @author Custom LLM team
 */
class BodyBufferTests {

	private static final ResponseMemory MEMORY = new ResponseMemory(1 << 30);

	@Test
	void collectsPiecesOfUnknownLengthInOrderFromTheirReaderIndex() {
		BodyBuffer body = new BodyBuffer(1 << 20, -1, MEMORY);
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			String piece = "{\"n\":" + i + "}";
			expected.append(piece);
			ByteBuf buffer = Unpooled.buffer().writeBytes(bytes("skip" + piece));
			buffer.skipBytes(4);
			body.append(buffer);
			assertThat(buffer.readableBytes()).as("the network buffer is left as it was").isEqualTo(piece.length());
		}
		assertThat(new String(body.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
		assertThat(body.size()).isEqualTo(expected.length());
	}

	@Test
	void announcedLengthIsAllocatedOnceAndReturnedWithoutCopy() {
		byte[] answer = bytes("{\"choices\":[]}");
		BodyBuffer body = new BodyBuffer(1024, answer.length, MEMORY);
		body.append(Unpooled.wrappedBuffer(answer, 0, 5));
		body.append(Unpooled.wrappedBuffer(answer, 5, answer.length - 5));
		assertThat(body.array()).isEqualTo(answer);
		assertThat(body.toByteArray()).isSameAs(body.array());
	}

	@Test
	void emptyBodyHasNoBytes() {
		assertThat(new BodyBuffer(1024, -1, MEMORY).toByteArray()).isEmpty();
		assertThat(new BodyBuffer(1024, 0, MEMORY).toByteArray()).isEmpty();
	}

	@Test
	void announcedLengthAboveTheMaximumFailsBeforeReading() {
		assertThatExceptionOfType(DataBufferLimitException.class).isThrownBy(() -> new BodyBuffer(100, 101, MEMORY))
			.withMessageContaining("100");
	}

	@Test
	void bodyGrowingPastTheMaximumFailsAtThePieceThatCrossesIt() {
		BodyBuffer body = new BodyBuffer(100, -1, MEMORY);
		byte[] piece = new byte[40];
		Arrays.fill(piece, (byte) 'x');
		body.append(Unpooled.wrappedBuffer(piece));
		body.append(Unpooled.wrappedBuffer(piece));
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> body.append(Unpooled.wrappedBuffer(piece)));
		assertThat(body.size()).isEqualTo(80);
	}

	@Test
	void bodyOfExactlyTheMaximumIsAccepted() {
		BodyBuffer body = new BodyBuffer(100, -1, MEMORY);
		body.append(Unpooled.wrappedBuffer(new byte[100]));
		assertThat(body.size()).isEqualTo(100);
	}

	@Test
	void serverSendingMoreThanItAnnouncedIsStillBounded() {
		BodyBuffer body = new BodyBuffer(100, 10, MEMORY);
		body.append(Unpooled.wrappedBuffer(new byte[60]));
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> body.append(Unpooled.wrappedBuffer(new byte[60])));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void reservesWhatItHoldsFromTheBudgetAndGivesItBack() {
		ResponseMemory memory = new ResponseMemory(4096);
		BodyBuffer body = new BodyBuffer(8192, 1000, memory);
		assertThat(memory.reserved()).isEqualTo(1000);
		body.append(Unpooled.wrappedBuffer(new byte[1500]));
		assertThat(memory.reserved()).isEqualTo(2000);
		assertThatExceptionOfType(ResponseMemory.BudgetExceededException.class)
			.isThrownBy(() -> new BodyBuffer(8192, 3000, memory))
			.withMessageContaining("max-buffered-response-bytes");
		body.release();
		assertThat(memory.reserved()).isZero();
		new BodyBuffer(8192, 3000, memory).release();
		assertThat(memory.reserved()).isZero();
	}

}
