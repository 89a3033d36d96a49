package dev.customllm.testcontainers;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DockerCondition}: container tests skip on a developer's machine
 * without Docker and fail in CI.
 */
class DockerConditionTests {

	private static final String IMAGE = "example/image:1";

	private final DockerClientFactory docker = mock(DockerClientFactory.class, RETURNS_DEEP_STUBS);

	@Test
	void withoutAnEngineTheTestIsSkippedWithTheReason() {
		given(this.docker.isDockerAvailable()).willReturn(false);
		assertThat(DockerCondition.evaluate(this.docker, null, false, false).isDisabled()).isTrue();
		assertThat(DockerCondition.evaluate(this.docker, null, false, false).getReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("No Docker engine", "CUSTOM_LLM_REQUIRE_DOCKER"));
	}

	@Test
	void withoutAnEngineWhereDockerIsRequiredTheTestFails() {
		given(this.docker.isDockerAvailable()).willReturn(false);
		assertThatIllegalStateException().isThrownBy(() -> DockerCondition.evaluate(this.docker, null, false, true))
			.withMessageContaining("No Docker engine")
			.withMessageContaining("CUSTOM_LLM_REQUIRE_DOCKER=true");
	}

	@Test
	void withAnEngineTheTestRuns() {
		given(this.docker.isDockerAvailable()).willReturn(true);
		assertThat(DockerCondition.evaluate(this.docker, null, false, true).isDisabled()).isFalse();
	}

	@Test
	void withTheImagePresentTheTestRuns() {
		given(this.docker.isDockerAvailable()).willReturn(true);
		assertThat(DockerCondition.evaluate(this.docker, IMAGE, false, true).isDisabled()).isFalse();
	}

	@Test
	void anAbsentImageThatCiCannotBuildIsSkippedEvenWhereDockerIsRequired() {
		given(this.docker.isDockerAvailable()).willReturn(true);
		given(this.docker.client().inspectImageCmd(IMAGE).exec()).willThrow(new NotFoundException("No such image"));
		assertThat(DockerCondition.evaluate(this.docker, IMAGE, false, true).getReason())
			.hasValueSatisfying((reason) -> assertThat(reason).contains(IMAGE, "docker pull"));
		assertThat(DockerCondition.evaluate(this.docker, IMAGE, false, true).isDisabled()).isTrue();
	}

	@Test
	void anAbsentImageThatCiBuildsFailsWhereDockerIsRequired() {
		given(this.docker.isDockerAvailable()).willReturn(true);
		given(this.docker.client().inspectImageCmd(IMAGE).exec()).willThrow(new NotFoundException("No such image"));
		assertThatIllegalStateException().isThrownBy(() -> DockerCondition.evaluate(this.docker, IMAGE, true, true))
			.withMessageContaining(IMAGE);
		assertThat(DockerCondition.evaluate(this.docker, IMAGE, true, false).isDisabled()).isTrue();
	}

}
