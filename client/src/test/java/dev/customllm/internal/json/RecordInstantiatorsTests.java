package dev.customllm.internal.json;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import com.fasterxml.jackson.annotation.JsonProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RecordInstantiators}: the wire mapper reads the library's records
 * exactly as plain Jackson does.
 *
 * @author Custom LLM team
 */
class RecordInstantiatorsTests {

	private static final JsonMapper PLAIN = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final JsonMapper mapper = LlmJson.mapper();

	@Test
	void readsNestedRecordsListsAndRenamedProperties() {
		String json = """
				{"name":"a","count":3,"parts":[{"text":"x","finish_reason":"stop"},{"text":"y"}],"extra":true}""";
		Outer outer = this.mapper.readValue(json, Outer.class);
		assertThat(outer).isEqualTo(PLAIN.readValue(json, Outer.class));
		assertThat(outer.parts()).containsExactly(new Part("x", "stop"), new Part("y", null));
		assertThat(outer.count()).isEqualTo(3);
	}

	@Test
	void missingAndNullPropertiesGetTheirDefaults() {
		String json = """
				{"count":null}""";
		Outer outer = this.mapper.readValue(json, Outer.class);
		assertThat(outer).isEqualTo(new Outer(null, 0, null));
		assertThat(outer).isEqualTo(PLAIN.readValue(json, Outer.class));
	}

	@Test
	void constructorFailureIsAJacksonErrorAsWithPlainJackson() {
		String json = """
				{"value":-1}""";
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.mapper.readValue(json, Checked.class))
			.withMessageContaining("value must not be negative");
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> PLAIN.readValue(json, Checked.class));
	}

	@Test
	void recordsWithTheirOwnDeserializationAreLeftToJackson() {
		assertThat(this.mapper.readValue("\"abc\"", Wrapped.class)).isEqualTo(new Wrapped("abc!"));
	}

	@Test
	void answersAreReadFromAnArraySlice() {
		byte[] bytes = "xx{\"text\":\"t\"}yy".getBytes();
		assertThat(this.mapper.readValue(bytes, 2, bytes.length - 4, Part.class)).isEqualTo(new Part("t", null));
	}

	record Outer(@Nullable String name, int count, @Nullable List<Part> parts) {
	}

	record Part(String text, @JsonProperty("finish_reason") @Nullable String finishReason) {
	}

	record Checked(int value) {

		Checked {
			if (value < 0) {
				throw new IllegalArgumentException("value must not be negative");
			}
		}

	}

	@JsonDeserialize(using = WrappedDeserializer.class)
	record Wrapped(String value) {
	}

	static class WrappedDeserializer extends tools.jackson.databind.deser.std.StdDeserializer<Wrapped> {

		WrappedDeserializer() {
			super(Wrapped.class);
		}

		@Override
		public Wrapped deserialize(tools.jackson.core.JsonParser parser,
				tools.jackson.databind.DeserializationContext context) {
			return new Wrapped(parser.getString() + "!");
		}

	}

}
