package dev.customllm.testcontainers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a container test class only where a Docker engine answers (and the image, when one
 * is named, is present locally); skipped with the reason otherwise. Where the environment
 * variable {@value DockerCondition#REQUIRE_DOCKER} is {@code true} (CI sets it), a
 * missing engine or a missing image that CI builds fails the class instead, so that a CI
 * run cannot look green without having run it.
 * <p>
 * Unlike {@code @Testcontainers(disabledWithoutDocker = true)}, this never skips in CI.
 * The condition is evaluated before the class is initialized, so static container fields
 * that ask Docker in their constructor are safe.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerCondition.class)
@interface EnabledWithDocker {

	/**
	 * The image that must be present in the local engine, or {@code ${name}} for the
	 * image named by that system property; empty: any image Testcontainers can pull.
	 * @return the image
	 */
	String image() default "";

	/**
	 * Whether CI builds the image ({@code .ci/docker-engine}): then, where Docker is
	 * required, its absence fails the class. Otherwise an absent image always skips it
	 * (no registry is reachable in CI).
	 * @return whether CI builds the image
	 */
	boolean builtByCi() default false;

}
