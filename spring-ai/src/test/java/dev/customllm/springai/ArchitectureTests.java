package dev.customllm.springai;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of the module: it uses the client's public API only, and the adapters
 * need no Spring Boot; only the auto-configuration does.
 */
class ArchitectureTests {

	private static final JavaClasses MODULE = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void importsTheWholeModule() {
		assertThat(MODULE.contain(CustomLlmChatModel.class.getName())).isTrue();
		assertThat(MODULE.contain("dev.customllm.springai.autoconfigure.CustomLlmSpringAiAutoConfiguration")).isTrue();
	}

	@Test
	void moduleUsesNoInternalTypeOfTheClient() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.customllm.internal..").check(MODULE);
	}

	@Test
	void adaptersNeedNoSpringBoot() {
		noClasses().that()
			.resideInAPackage("dev.customllm.springai")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "dev.customllm.autoconfigure..")
			.check(MODULE);
	}

}
