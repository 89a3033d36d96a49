package dev.customllm.internal.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the runtime hints declared in {@code META-INF/spring/aot.factories} cover
 * every record of the wire protocol, so that a native image can read and write them.
 */
class WireTypeHintsTests {

	private static final List<String> WIRE_PACKAGES = List.of("dev.customllm.internal.completion",
			"dev.customllm.internal.embedding", "dev.customllm.internal.http", "dev.customllm.internal.rerank");

	/**
	 * Records of those packages that never go through the wire mapper.
	 */
	private static final Set<String> NOT_ON_THE_WIRE = Set.of("dev.customllm.internal.completion.CompletionEndpoint",
			"dev.customllm.internal.completion.StreamLimits", "dev.customllm.internal.http.HttpSettings",
			"dev.customllm.internal.completion.CompletionContext",
			"dev.customllm.internal.completion.ThinkTagSplitter$Split");

	@Test
	void everyWireRecordHasReflectionHintsForTheMapper() throws IOException {
		RuntimeHints hints = declaredHints();
		List<Class<?>> records = wireRecords();
		assertThat(records).hasSizeGreaterThan(20);
		for (Class<?> record : records) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(record)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_DECLARED_METHODS))
				.as("hints of %s: list it in its package's RuntimeHintsRegistrar, or here in NOT_ON_THE_WIRE",
						record.getName())
				.accepts(hints);
		}
	}

	@Test
	void deserializersNamedByAnnotationsCanBeCreated() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.customllm.internal.embedding.VectorDeserializer"))
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(declaredHints());
	}

	private static RuntimeHints declaredHints() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, WireTypeHintsTests.class.getClassLoader()));
		return hints;
	}

	private static List<Class<?>> wireRecords() throws IOException {
		Stream.Builder<Class<?>> records = Stream.builder();
		for (String wirePackage : WIRE_PACKAGES) {
			try (Stream<Path> files = Files.list(Path.of("target/classes", wirePackage.split("\\.")))) {
				files.map((file) -> file.getFileName().toString())
					.filter((file) -> file.endsWith(".class"))
					.map((file) -> load(wirePackage + "." + file.substring(0, file.length() - ".class".length())))
					.filter((type) -> type.isRecord() && !NOT_ON_THE_WIRE.contains(type.getName()))
					.forEach(records);
			}
		}
		return records.build().toList();
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, WireTypeHintsTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
