package dev.customllm.autoconfigure;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code custom.llm.*} property is described in the generated
 * configuration metadata that IDEs show.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode properties = LlmJson.mapper().readTree(in).get("properties");
			assertThat(properties.size()).isGreaterThan(20);
			for (JsonNode property : properties) {
				assertThat(property.get("name").asString()).startsWith("custom.llm.");
				assertThat(property.has("description")).as(property.get("name").asString()).isTrue();
				assertThat(property.get("description").asString()).isNotBlank().doesNotStartWith("The ");
			}
		}
	}

}
