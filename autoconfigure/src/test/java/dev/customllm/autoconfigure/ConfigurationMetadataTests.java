package dev.customllm.autoconfigure;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.customllm.completion.CompletionApi;
import dev.customllm.internal.json.LlmJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code custom.llm.*} property is described in the generated
 * configuration metadata that IDEs show.
 */
class ConfigurationMetadataTests {

	@Test
	void namedClientsCompleteInIdesAsTheirPropertiesType() throws Exception {
		JsonNode metadata = metadata();
		JsonNode clients = find(metadata.get("properties"), "custom.llm.clients");
		assertThat(clients.get("type").asString())
			.isEqualTo("java.util.Map<java.lang.String," + CustomLlmClientProperties.class.getName() + ">");
		JsonNode keys = find(metadata.get("hints"), "custom.llm.clients.keys");
		assertThat(keys.get("values").findValuesAsString("value")).contains("chat", "embeddings");
		assertThat(keys.get("providers").findValuesAsString("name")).containsExactly("any");
		JsonNode values = find(metadata.get("hints"), "custom.llm.clients.values");
		JsonNode handleAs = values.get("providers").get(0);
		assertThat(handleAs.get("name").asString()).isEqualTo("handle-as");
		assertThat(Class.forName(handleAs.get("parameters").get("target").asString()))
			.isEqualTo(CustomLlmClientProperties.class);
	}

	private JsonNode metadata() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return LlmJson.mapper().readTree(in);
		}
	}

	private static JsonNode find(JsonNode entries, String name) {
		for (JsonNode entry : entries) {
			if (entry.get("name").asString().equals(name)) {
				return entry;
			}
		}
		throw new AssertionError(name + " is not in the metadata");
	}

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
			JsonNode api = null;
			for (JsonNode property : properties) {
				api = property.get("name").asString().equals("custom.llm.completion.api") ? property : api;
			}
			assertThat(api).isNotNull();
			assertThat(api.get("type").asString()).isEqualTo(CompletionApi.class.getName());
			assertThat(api.get("description").asString()).contains("chat", "text", "responses (/responses");
		}
	}

}
