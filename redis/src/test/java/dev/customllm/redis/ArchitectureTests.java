package dev.customllm.redis;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis module implements the client's public store SPI only: nothing of
 * {@code dev.customllm.internal}, which carries no compatibility promise. (The same rule
 * is shown to fail on a broken fixture in the auto-configuration's tests.)
 */
class ArchitectureTests {

	/** The module's own classes only, not its tests. */
	private static final JavaClasses MODULE = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void importsTheWholeModule() {
		assertThat(MODULE.contain(RedisRateLimitStore.class.getName())).isTrue();
	}

	@Test
	void moduleUsesNoInternalTypeOfTheClient() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.customllm.internal..").check(MODULE);
	}

}
