package dev.customllm.architecture;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules that keep the client's design visible, each for a root package so that the
 * same rule can be shown to fail on a deliberately broken fixture.
 */
final class ArchitectureRules {

	private ArchitectureRules() {
	}

	/**
	 * No class under the root depends on a forbidden package (Spring Boot, for the
	 * client).
	 */
	static ArchRule noDependencyOn(String root, String forbiddenPackage) {
		return noClasses().that()
			.resideInAPackage(root + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(forbiddenPackage)
			.because("the client must stay usable without " + forbiddenPackage);
	}

	/**
	 * No cycle among the subpackages of the root. The root package itself (the client and
	 * its errors) may be imported from anywhere below.
	 */
	static ArchRule noCycles(String root) {
		return slices().matching(root + ".(**)").should().beFreeOfCycles();
	}

	/**
	 * No public member of a public type outside {@code internal} names an internal type:
	 * a user can never reach plumbing through the API.
	 */
	static ArchRule apiExposesNoInternalType(String root) {
		return codeUnits().that(arePublicApi(root)).should(notMention(root)).allowEmptyShould(true);
	}

	/**
	 * No public field of a public type outside {@code internal} has an internal type.
	 */
	static ArchRule apiFieldsExposeNoInternalType(String root) {
		return fields().that(arePublicApiFields(root))
			.should(new ArchCondition<JavaField>("not have an internal type") {
				@Override
				public void check(JavaField field, ConditionEvents events) {
					boolean internal = isInternal(root, field.getRawType());
					events.add(new SimpleConditionEvent(field, !internal,
							field.getFullName() + " has internal type " + field.getRawType().getName()));
				}
			})
			.allowEmptyShould(true);
	}

	/**
	 * The transport knows nothing of retries, limits, meters or models: data flows models
	 * → resilience → transport, never back.
	 */
	static ArchRule transportDependsOnNothingAbove(String root) {
		return noClasses().that()
			.resideInAPackage(root + ".internal.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(root + ".internal.resilience..", root + ".internal.telemetry..",
					root + ".internal.completion..", root + ".internal.embedding..", root + ".internal.rerank..");
	}

	/**
	 * Resilience wraps the transport and knows nothing of meters or models.
	 */
	static ArchRule resilienceDependsOnTransportOnly(String root) {
		return noClasses().that()
			.resideInAPackage(root + ".internal.resilience..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(root + ".internal.telemetry..", root + ".internal.completion..",
					root + ".internal.embedding..", root + ".internal.rerank..");
	}

	/**
	 * A public type under {@code internal} is used from another package, by main or test
	 * code: one used only inside its own package is package-private. The API packages are
	 * not checked: their public types are there for users, whether or not the client
	 * itself uses them elsewhere.
	 * @param root the root package
	 * @param unchecked internal packages left out of the rule
	 * @return the rule
	 */
	static ArchRule internalPublicTypesAreUsedFromAnotherPackage(String root, String... unchecked) {
		Set<String> skipped = Set.of(unchecked);
		return classes().that()
			.resideInAPackage(root + ".internal..")
			.and()
			.arePublic()
			.and(DescribedPredicate.describe("are not in " + skipped,
					(type) -> !skipped.contains(type.getPackageName())))
			.should(new ArchCondition<JavaClass>("be used from another package") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					boolean used = type.getPackage()
						.getClasses()
						.stream()
						.filter((candidate) -> isSelfOrNested(type, candidate))
						.flatMap((candidate) -> candidate.getDirectDependenciesToSelf().stream())
						.anyMatch((dependency) -> !dependency.getOriginClass()
							.getPackageName()
							.equals(type.getPackageName()));
					events.add(new SimpleConditionEvent(type, used, type.getName()
							+ " is public but used only inside its own package: make it package-private"));
				}
			})
			.allowEmptyShould(true);
	}

	private static boolean isSelfOrNested(JavaClass type, JavaClass candidate) {
		return candidate.equals(type) || candidate.getName().startsWith(type.getName() + "$");
	}

	private static DescribedPredicate<JavaCodeUnit> arePublicApi(String root) {
		return DescribedPredicate.describe("are public members of public API types",
				(unit) -> unit.getModifiers().contains(JavaModifier.PUBLIC) && isApiType(root, unit.getOwner()));
	}

	private static DescribedPredicate<JavaField> arePublicApiFields(String root) {
		return DescribedPredicate.describe("are public fields of public API types",
				(field) -> field.getModifiers().contains(JavaModifier.PUBLIC) && isApiType(root, field.getOwner()));
	}

	private static boolean isApiType(String root, JavaClass type) {
		return type.getPackageName().startsWith(root) && !isInternal(root, type)
				&& type.getModifiers().contains(JavaModifier.PUBLIC)
				&& type.getEnclosingClass()
					.map((outer) -> outer.getModifiers().contains(JavaModifier.PUBLIC))
					.orElse(true);
	}

	private static boolean isInternal(String root, JavaClass type) {
		JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
		return base.getPackageName().equals(root + ".internal")
				|| base.getPackageName().startsWith(root + ".internal.");
	}

	private static ArchCondition<JavaCodeUnit> notMention(String root) {
		return new ArchCondition<>("not take or return an internal type") {
			@Override
			public void check(JavaCodeUnit unit, ConditionEvents events) {
				unit.getParameterTypes()
					.stream()
					.flatMap((type) -> type.getAllInvolvedRawTypes().stream())
					.filter((type) -> isInternal(root, type))
					.forEach((type) -> events.add(SimpleConditionEvent.violated(unit,
							unit.getFullName() + " takes internal type " + type.getName())));
				unit.getReturnType()
					.getAllInvolvedRawTypes()
					.stream()
					.filter((type) -> isInternal(root, type))
					.forEach((type) -> events.add(SimpleConditionEvent.violated(unit,
							unit.getFullName() + " returns internal type " + type.getName())));
			}
		};
	}

}
