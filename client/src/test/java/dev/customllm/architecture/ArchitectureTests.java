package dev.customllm.architecture;

import java.nio.file.Path;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of the client module: no Spring Boot, no Spring Web, no Bucket4j or
 * Lettuce (they live in {@code custom-llm-redis}), no package cycles, a public API that
 * never exposes {@code dev.customllm.internal} and has no constructor or record wider
 * than four values, and a transport that knows nothing of what wraps it. Each rule is
 * also shown to fail on a broken fixture, so that a rule that can no longer fail does not
 * pass unnoticed.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.customllm";

	private static final String FIXTURE = "dev.customllm.architecture.fixture";

	/** The client's own classes only: not the test kit, not the tests. */
	private static final JavaClasses CLIENT = new ClassFileImporter().importPath(Path.of("target/classes"));

	/**
	 * The client's classes and its tests: a test in another package is a user too.
	 */
	private static final JavaClasses CLIENT_AND_TESTS = new ClassFileImporter().importPaths(Path.of("target/classes"),
			Path.of("target/test-classes"));

	private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

	@Test
	void importsTheWholeClient() {
		assertThat(CLIENT.contain("dev.customllm.CustomLlmClient")).isTrue();
		assertThat(CLIENT.contain("dev.customllm.internal.http.HttpExchange")).isTrue();
	}

	@Test
	void clientDoesNotDependOnSpringBoot() {
		ArchitectureRules.noDependencyOn(ROOT, "org.springframework.boot..").check(CLIENT);
	}

	@Test
	void clientDoesNotDependOnSpringWebOrWebFlux() {
		ArchitectureRules.noDependencyOn(ROOT, "org.springframework.web..").check(CLIENT);
		ArchitectureRules.noDependencyOn(ROOT, "org.springframework.http..").check(CLIENT);
	}

	@Test
	void senderSpiNamesNoNettyType() {
		ArchitectureRules.senderSpiNamesNoNettyType(ROOT).check(CLIENT);
	}

	@Test
	void clientDoesNotDependOnBucket4jOrLettuce() {
		ArchitectureRules.noDependencyOn(ROOT, "io.github.bucket4j..").check(CLIENT);
		ArchitectureRules.noDependencyOn(ROOT, "io.lettuce..").check(CLIENT);
	}

	@Test
	void clientPackagesHaveNoCycles() {
		ArchitectureRules.noCycles(ROOT).check(CLIENT);
	}

	@Test
	void publicApiExposesNoInternalType() {
		ArchitectureRules.apiExposesNoInternalType(ROOT).check(CLIENT);
		ArchitectureRules.apiFieldsExposeNoInternalType(ROOT).check(CLIENT);
	}

	@Test
	void dataFlowsFromModelsThroughResilienceToTransport() {
		ArchitectureRules.transportDependsOnNothingAbove(ROOT).check(CLIENT);
		ArchitectureRules.resilienceDependsOnTransportOnly(ROOT).check(CLIENT);
	}

	@Test
	void apiHasNoWideConstructorsOrRecords() {
		ArchitectureRules.noWidePublicConstructors(ROOT, 4, Set.of()).check(CLIENT);
		ArchitectureRules.noWidePublicRecords(ROOT, 4, Set.of()).check(CLIENT);
	}

	@Test
	void internalTypesArePublicOnlyWhenUsedFromAnotherPackage() {
		ArchitectureRules.internalPublicTypesAreUsedFromAnotherPackage(ROOT).check(CLIENT_AND_TESTS);
	}

	@Test
	void forbiddenDependencyIsCaught() {
		assertViolated(ArchitectureRules.noDependencyOn(FIXTURE, "java.sql.."), "java.sql.Connection");
	}

	@Test
	void nettyTypeInSenderSpiIsCaught() {
		assertViolated(ArchitectureRules.senderSpiNamesNoNettyType(FIXTURE), "io.netty.buffer.ByteBuf");
	}

	@Test
	void dependencyOnBucket4jOrLettuceIsCaught() {
		assertViolated(ArchitectureRules.noDependencyOn(FIXTURE, "io.github.bucket4j.."),
				"io.github.bucket4j.BucketConfiguration");
		assertViolated(ArchitectureRules.noDependencyOn(FIXTURE, "io.lettuce.."), "io.lettuce.core.RedisURI");
	}

	@Test
	void cycleIsCaught() {
		assertViolated(ArchitectureRules.noCycles(FIXTURE), "Cycle detected");
	}

	@Test
	void internalTypeInApiIsCaught() {
		assertViolated(ArchitectureRules.apiExposesNoInternalType(FIXTURE), "returns internal type");
		assertViolated(ArchitectureRules.apiExposesNoInternalType(FIXTURE), "takes internal type");
		assertViolated(ArchitectureRules.apiFieldsExposeNoInternalType(FIXTURE), "has internal type");
	}

	@Test
	void transportReachingUpIsCaught() {
		assertViolated(ArchitectureRules.transportDependsOnNothingAbove(FIXTURE), "internal.resilience");
	}

	@Test
	void wideConstructorIsCaught() {
		ArchRule rule = ArchitectureRules.noWidePublicConstructors(FIXTURE, 4, Set.of());
		assertViolated(rule, "WideSettings.<init>");
		assertThat(rule.evaluate(BROKEN).getFailureReport().toString()).doesNotContain("WideException")
			.doesNotContain("NarrowSettings");
	}

	@Test
	void wideRecordIsCaught() {
		ArchRule rule = ArchitectureRules.noWidePublicRecords(FIXTURE, 4, Set.of());
		assertViolated(rule, "record " + FIXTURE + ".api.WideRecord has 5 components");
		assertThat(rule.evaluate(BROKEN).getFailureReport().toString()).doesNotContain("NarrowRecord");
	}

	@Test
	void exemptTypesAreNotChecked() {
		Set<String> exempt = Set.of(FIXTURE + ".api.WideSettings", FIXTURE + ".api.WideRecord");
		assertThat(ArchitectureRules.noWidePublicConstructors(FIXTURE, 4, exempt).evaluate(BROKEN).hasViolation())
			.isFalse();
		assertThat(ArchitectureRules.noWidePublicRecords(FIXTURE, 4, exempt).evaluate(BROKEN).hasViolation()).isFalse();
	}

	@Test
	void publicInternalTypeUsedOnlyInItsPackageIsCaught() {
		ArchRule rule = ArchitectureRules.internalPublicTypesAreUsedFromAnotherPackage(FIXTURE);
		assertViolated(rule, "fixture.internal.resilience.Backoff is public but used only inside its own package");
		String report = rule.evaluate(BROKEN).getFailureReport().toString();
		assertThat(report).doesNotContain("Retries is public").doesNotContain("Transport is public");
	}

	private static void assertViolated(ArchRule rule, String expected) {
		assertThat(rule.evaluate(BROKEN).hasViolation()).as(rule.getDescription()).isTrue();
		assertThat(rule.evaluate(BROKEN).getFailureReport().toString()).contains(expected);
	}

}
