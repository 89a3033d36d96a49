package dev.customllm.autoconfigure.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration and the test kit use the client's public API only: nothing of
 * {@code dev.customllm.internal}, which carries no compatibility promise. The rule is
 * also shown to fail on a broken fixture.
 */
class ArchitectureTests {

	private static final String FIXTURE = "dev.customllm.autoconfigure.architecture.fixture";

	/** The module's own classes only, not its tests. */
	private static final JavaClasses MODULE = new ClassFileImporter().importPath(Path.of("target/classes"));

	/** The test kit ({@code custom-llm-test}), from the class path, not its tests. */
	private static final JavaClasses TEST_KIT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.customllm.test");

	private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

	@Test
	void importsTheWholeModuleAndTheTestKit() {
		assertThat(MODULE.contain("dev.customllm.autoconfigure.CustomLlmAutoConfiguration")).isTrue();
		assertThat(TEST_KIT.contain("dev.customllm.test.LlmSimulator")).isTrue();
	}

	@Test
	void autoConfigurationUsesNoInternalTypeOfTheClient() {
		usesNoInternalTypeOfTheClient().check(MODULE);
	}

	@Test
	void testKitUsesNoInternalTypeOfTheClient() {
		usesNoInternalTypeOfTheClient().check(TEST_KIT);
	}

	@Test
	void internalTypeInUseIsCaught() {
		assertThat(usesNoInternalTypeOfTheClient().evaluate(BROKEN).getFailureReport().toString())
			.contains("dev.customllm.internal.json.LlmJson");
	}

	static ArchRule usesNoInternalTypeOfTheClient() {
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.customllm.internal..")
			.because("dev.customllm.internal has no compatibility promise; use the client's public API");
	}

}
