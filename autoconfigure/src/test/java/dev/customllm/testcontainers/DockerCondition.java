package dev.customllm.testcontainers;

import java.util.Objects;

import com.github.dockerjava.api.exception.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The condition behind {@link EnabledWithDocker}.
 */
final class DockerCondition implements ExecutionCondition {

	static final String REQUIRE_DOCKER = "CUSTOM_LLM_REQUIRE_DOCKER";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		EnabledWithDocker settings = context.getElement()
			.map((element) -> AnnotatedElementUtils.findMergedAnnotation(element, EnabledWithDocker.class))
			.orElse(null);
		if (settings == null) {
			return ConditionEvaluationResult.enabled("Not a container test");
		}
		String image = settings.image().isEmpty() ? null : resolve(settings.image());
		return evaluate(DockerClientFactory.instance(), image, settings.builtByCi(),
				Boolean.parseBoolean(System.getenv(REQUIRE_DOCKER)));
	}

	private static String resolve(String image) {
		if (image.startsWith("${") && image.endsWith("}")) {
			String property = image.substring(2, image.length() - 1);
			return Objects.requireNonNull(System.getProperty(property), () -> "No system property " + property);
		}
		return image;
	}

	/**
	 * Decide whether a container test runs.
	 * @param docker where Docker is found
	 * @param image the image that must be present locally, or {@code null}
	 * @param builtByCi whether CI builds the image
	 * @param required whether a missing engine (or image CI builds) is an error
	 * @return enabled, or disabled with the reason
	 * @throws IllegalStateException if the test cannot run but must
	 */
	static ConditionEvaluationResult evaluate(DockerClientFactory docker, @Nullable String image, boolean builtByCi,
			boolean required) {
		if (!docker.isDockerAvailable()) {
			return absent("No Docker engine answers (DOCKER_HOST, /var/run/docker.sock)", required);
		}
		if (image == null || isPresent(docker, image)) {
			return ConditionEvaluationResult.enabled("Docker engine found");
		}
		String reason = "Image " + image + " is not in the local Docker engine";
		if (builtByCi) {
			return absent(reason + " (docs/testing.md says how to build it)", required);
		}
		return ConditionEvaluationResult.disabled(reason + " and no registry is reachable in CI: container test skipped"
				+ " (`docker pull " + image + "` to run it)");
	}

	private static ConditionEvaluationResult absent(String reason, boolean required) {
		if (required) {
			throw new IllegalStateException(
					reason + ", but " + REQUIRE_DOCKER + "=true: container tests must run here, not be skipped");
		}
		return ConditionEvaluationResult
			.disabled(reason + ": container test skipped (" + REQUIRE_DOCKER + "=true makes this an error)");
	}

	private static boolean isPresent(DockerClientFactory docker, String image) {
		try {
			docker.client().inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

}
