package dev.customllm.internal.embedding;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.internal.json.LlmJson;
import dev.customllm.internal.parsing.RandomAnswers;
import dev.customllm.internal.parsing.WireFixtures;
import dev.customllm.internal.parsing.WireFixtures.Fixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests of the hand-written embeddings parser: every server-shaped answer
 * (the fixture files, the test kit's simulator, random valid answers with vectors as
 * numbers and as base64, listed out of order), fed in random pieces to the parser of the
 * production path, reads as the plain JSON mapper reads the wire records from the whole
 * body. A failure names the seed; {@code -Dparsers.seed=…} replays it.
 *
 * @author Custom LLM team
 */
class EmbeddingParsingDifferentialTests {

	private final long seed = WireFixtures.seed();

	private final Random random = new Random(this.seed);

	@Test
	void answersReadAsTheMapperReadsTheWireRecords() {
		List<Fixture> fixtures = new ArrayList<>(WireFixtures.files("embeddings"));
		fixtures.addAll(WireFixtures.simulated("embeddings"));
		for (int i = 0; i < WireFixtures.CASES; i++) {
			fixtures.add(new Fixture("random embeddings answer " + i, RandomAnswers.embeddings(this.random)));
		}
		for (Fixture fixture : fixtures) {
			List<byte[]> pieces = WireFixtures.split(fixture.bytes(), this.random);
			EmbeddingResult expected = LlmJson.mapper().readValue(fixture.bytes(), EmbeddingResult.class);
			assertThat(expected.data()).as(fixture.name()).isNotEmpty();
			assertThat(parse(pieces)).as(describe(fixture, pieces))
				.usingRecursiveComparison()
				.withComparatorForType(Float::compare, Float.class)
				.isEqualTo(expected);
		}
	}

	@Test
	void membersTheWireRecordsDoNotDeclareAreDeliberatelyIgnored() {
		Set<String> ignored = new TreeSet<>();
		for (Fixture fixture : WireFixtures.files("embeddings")) {
			JsonNode answer = LlmJson.mapper().readTree(fixture.bytes());
			byte[] declared = LlmJson.mapper()
				.writeValueAsBytes(WireFixtures.declaredOnly(answer, EmbeddingResult.class, ignored));
			assertThat(parse(List.of(fixture.bytes()))).as(fixture.name())
				.usingRecursiveComparison()
				.withComparatorForType(Float::compare, Float.class)
				.isEqualTo(parse(List.of(declared)));
		}
		assertThat(ignored).contains("object", "extra", "total_tokens", "prompt_tokens_details", "meta");
		for (Class<?> record : List.of(EmbeddingResult.class, EmbeddingItem.class, EmbeddingUsage.class)) {
			assertThat(record.getAnnotation(JsonIgnoreProperties.class)).as(record.getSimpleName())
				.satisfies((annotation) -> assertThat(annotation.ignoreUnknown()).isTrue());
		}
	}

	private @Nullable EmbeddingResult parse(List<byte[]> pieces) {
		EmbeddingAnswerParser parser = new EmbeddingAnswerParser(LlmJson.mapper());
		try {
			for (byte[] piece : pieces) {
				parser.feed(ByteBuffer.wrap(piece));
			}
			return parser.finish();
		}
		finally {
			parser.close();
		}
	}

	private String describe(Fixture fixture, List<byte[]> pieces) {
		return "seed " + this.seed + " (-Dparsers.seed=" + this.seed + "), " + fixture.name() + " in " + pieces.size()
				+ " pieces:\n" + fixture.text();
	}

}
