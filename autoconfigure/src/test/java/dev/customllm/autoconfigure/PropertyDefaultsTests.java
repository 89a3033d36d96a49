package dev.customllm.autoconfigure;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.customllm.CustomLlmClient;
import dev.customllm.completion.CompletionDefaults;
import dev.customllm.embedding.EmbeddingDefaults;
import dev.customllm.resilience.RateLimitSettings;
import dev.customllm.resilience.RetryBudget;
import dev.customllm.rerank.RerankDefaults;
import dev.customllm.resilience.RetrySettings;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every default of the {@code custom.llm.*} properties, as the generated
 * configuration metadata shows it in the IDE, is the default of the client itself: the
 * value that {@link CustomLlmClient#builder()} and the settings records use when nothing
 * is set. The properties keep their defaults as field initializers so that the IDE shows
 * them; this test makes the client the one source of each default, failing when only one
 * side changes.
 * <p>
 * The builder's defaults are read from its private fields: no public API exists only for
 * this test, and a renamed field fails the test loudly.
 */
class PropertyDefaultsTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	/**
	 * Defaults that steer the Spring Boot wiring only and have no counterpart in the
	 * client: they live in the properties alone.
	 */
	private static final Set<String> WIRING_ONLY = Set.of("custom.llm.enabled", "custom.llm.api-key-required",
			"custom.llm.rate-limit.store", "custom.llm.rate-limit.redis.timeout",
			"custom.llm.rate-limit.out-of-service-while-rejecting", "custom.llm.health.path",
			"custom.llm.health.cache-time", "custom.llm.http.client", "custom.llm.simulator.enabled",
			"custom.llm.simulator.port");

	@Test
	void everyDefaultInTheMetadataIsTheDefaultOfTheClient() throws Exception {
		assertThat(mismatches(metadata(), clientDefaults())).isEmpty();
	}

	@Test
	void aDefaultChangedInThePropertiesOnlyIsReported() throws Exception {
		ObjectNode metadata = metadata();
		property(metadata, "custom.llm.connect-timeout").put("defaultValue", "11s");
		property(metadata, "custom.llm.max-connections").remove("defaultValue");
		assertThat(mismatches(metadata, clientDefaults())).containsExactly(
				"custom.llm.connect-timeout: the metadata says 11s, the client uses PT10S",
				"custom.llm.max-connections: the metadata has no default, the client uses 100");
	}

	@Test
	void aDefaultChangedInTheClientOnlyIsReported() throws Exception {
		Map<String, @Nullable Object> client = clientDefaults();
		client.put("custom.llm.retry.max-retries", 3);
		client.put("custom.llm.embedding.encoding-format", null);
		assertThat(mismatches(metadata(), client)).containsExactly(
				"custom.llm.embedding.encoding-format: the metadata says base64, the client has no default",
				"custom.llm.retry.max-retries: the metadata says 2, the client uses 3");
	}

	@Test
	void aDefaultWithoutCounterpartOrAPropertyWithoutMetadataIsReported() throws Exception {
		ObjectNode metadata = metadata();
		metadata.withArray("properties")
			.addObject()
			.put("name", "custom.llm.http.protocol")
			.put("type", "java.lang.String")
			.put("defaultValue", "http1");
		Map<String, @Nullable Object> client = clientDefaults();
		client.put("custom.llm.pool-name", "custom-llm");
		assertThat(mismatches(metadata, client)).containsExactly(
				"custom.llm.http.protocol: the metadata says http1, and nothing in the client corresponds; "
						+ "map it in clientDefaults() or, if only the Spring Boot wiring uses it, in WIRING_ONLY",
				"custom.llm.pool-name: not in the metadata");
	}

	/**
	 * Compare the defaults of the metadata with those of the client.
	 * @param metadata the configuration metadata
	 * @param client the client's default for each property that has a counterpart in it,
	 * {@code null} where the client has none
	 * @return a description of each mismatch
	 */
	static List<String> mismatches(JsonNode metadata, Map<String, @Nullable Object> client) {
		List<String> problems = new ArrayList<>();
		Set<String> unseen = new LinkedHashSet<>(client.keySet());
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			String value = property.has("defaultValue") ? property.get("defaultValue").asString() : null;
			unseen.remove(name);
			if (client.containsKey(name)) {
				String problem = mismatch(value, client.get(name));
				if (problem != null) {
					problems.add(name + ": " + problem);
				}
			}
			else if (value != null && !WIRING_ONLY.contains(name)) {
				problems
					.add(name + ": the metadata says " + value + ", and nothing in the client corresponds; map it in "
							+ "clientDefaults() or, if only the Spring Boot wiring uses it, in WIRING_ONLY");
			}
		}
		unseen.forEach((name) -> problems.add(name + ": not in the metadata"));
		problems.sort(null);
		return problems;
	}

	private static @Nullable String mismatch(@Nullable String value, @Nullable Object clientValue) {
		if (value == null) {
			return (clientValue != null) ? "the metadata has no default, the client uses " + clientValue : null;
		}
		if (clientValue == null) {
			return "the metadata says " + value + ", the client has no default";
		}
		Object converted = ApplicationConversionService.getSharedInstance().convert(value, clientValue.getClass());
		return clientValue.equals(converted) ? null : "the metadata says " + value + ", the client uses " + clientValue;
	}

	/**
	 * Return the defaults of a client built with {@link CustomLlmClient#builder()} and
	 * nothing set, by property.
	 * @return the defaults, {@code null} where the client has none
	 */
	static Map<String, @Nullable Object> clientDefaults() {
		CustomLlmClient.Builder builder = CustomLlmClient.builder();
		Map<String, @Nullable Object> defaults = new LinkedHashMap<>();
		for (String property : List.of("base-url", "api-key", "connect-timeout", "response-timeout",
				"stream-idle-timeout", "max-connections", "max-idle-time", "call-timeout", "provider-name",
				"max-tool-calls", "max-buffered-response-bytes")) {
			defaults.put("custom.llm." + property, field(builder, camelCase(property)));
		}
		int maxResponseSize = field(builder, "maxResponseSize");
		defaults.put("custom.llm.max-response-size", DataSize.ofBytes(maxResponseSize));
		defaults.put("custom.llm.observations.include-content", field(builder, "includeContent"));
		retry(defaults, field(builder, "retry"), field(builder, "retryBudget"));
		rateLimit(defaults, field(builder, "rateLimits"));
		completion(defaults, field(builder, "completionDefaults"));
		embedding(defaults, field(builder, "embeddingDefaults"));
		defaults.put("custom.llm.completion.max-image-bytes", DataSize.ofBytes(field(builder, "maxImageBytes")));
		defaults.put("custom.llm.logging.level", field(builder, "httpLogLevel"));
		defaults.put("custom.llm.logging.max-body-length", field(builder, "httpLogMaxBodyLength"));
		RerankDefaults rerank = field(builder, "rerankDefaults");
		defaults.put("custom.llm.rerank.model", rerank.model());
		defaults.put("custom.llm.rerank.path", rerank.path());
		defaults.put("custom.llm.rerank.batch-size", rerank.batchSize());
		defaults.put("custom.llm.rerank.max-concurrency", rerank.maxConcurrency());
		return defaults;
	}

	private static void retry(Map<String, @Nullable Object> defaults, RetrySettings retry, RetryBudget budget) {
		defaults.put("custom.llm.retry.max-retries", retry.maxRetries());
		defaults.put("custom.llm.retry.delay", retry.delay());
		defaults.put("custom.llm.retry.multiplier", retry.multiplier());
		defaults.put("custom.llm.retry.max-delay", retry.maxDelay());
		defaults.put("custom.llm.retry.jitter", retry.jitter());
		defaults.put("custom.llm.retry.max-retry-after", retry.maxRetryAfter());
		for (String property : List.of("capacity", "retry-cost", "timeout-cost")) {
			defaults.put("custom.llm.retry.budget." + property, field(budget, camelCase(property)));
		}
	}

	private static void rateLimit(Map<String, @Nullable Object> defaults, RateLimitSettings limits) {
		defaults.put("custom.llm.rate-limit.max-concurrent-requests", limits.maxConcurrentRequests());
		defaults.put("custom.llm.rate-limit.requests-per-second", limits.requestsPerSecond());
		defaults.put("custom.llm.rate-limit.tokens-per-minute", limits.tokensPerMinute());
		defaults.put("custom.llm.rate-limit.max-wait", limits.maxWait());
		defaults.put("custom.llm.rate-limit.on-store-failure", limits.onStoreFailure());
	}

	private static void completion(Map<String, @Nullable Object> defaults, CompletionDefaults completion) {
		defaults.put("custom.llm.completion.model", completion.model());
		defaults.put("custom.llm.completion.temperature", completion.temperature());
		defaults.put("custom.llm.completion.max-tokens", completion.maxTokens());
		defaults.put("custom.llm.completion.api", completion.api());
		defaults.put("custom.llm.completion.path", completion.path());
		defaults.put("custom.llm.completion.split-think-tags", completion.splitThinkTags());
	}

	private static void embedding(Map<String, @Nullable Object> defaults, EmbeddingDefaults embedding) {
		defaults.put("custom.llm.embedding.model", embedding.model());
		defaults.put("custom.llm.embedding.dimensions", embedding.dimensions());
		defaults.put("custom.llm.embedding.request-dimensions", embedding.requestDimensions());
		defaults.put("custom.llm.embedding.batch-size", embedding.batchSize());
		defaults.put("custom.llm.embedding.max-concurrency", embedding.maxConcurrency());
		defaults.put("custom.llm.embedding.encoding-format", embedding.encodingFormat());
		defaults.put("custom.llm.embedding.path", embedding.path());
	}

	@SuppressWarnings("unchecked")
	private static <T> T field(Object target, String name) {
		Field field = ReflectionUtils.findField(target.getClass(), name);
		assertThat(field).as("field %s of %s", name, target.getClass().getName()).isNotNull();
		ReflectionUtils.makeAccessible(field);
		return (T) ReflectionUtils.getField(field, target);
	}

	private static String camelCase(String property) {
		StringBuilder name = new StringBuilder();
		for (String part : property.split("-")) {
			name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private static ObjectNode metadata() throws Exception {
		assertThat(METADATA).as("generated configuration metadata").isRegularFile();
		return (ObjectNode) JsonMapper.builder().build().readTree(Files.readString(METADATA));
	}

	private static ObjectNode property(JsonNode metadata, String name) {
		for (JsonNode property : metadata.get("properties")) {
			if (property.get("name").asString().equals(name)) {
				return (ObjectNode) property;
			}
		}
		throw new IllegalArgumentException("no property " + name);
	}

}
