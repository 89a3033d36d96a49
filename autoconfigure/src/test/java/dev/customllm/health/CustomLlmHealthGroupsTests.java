package dev.customllm.health;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.autoconfigure.CustomLlmHealthContributorAutoConfiguration;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM health contributors in Spring Boot's probe groups: in readiness, never in
 * liveness.
 */
@ExtendWith(LlmSimulatorExtension.class)
class CustomLlmHealthGroupsTests {

	private static LlmSimulator simulator;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class,
				CustomLlmHealthContributorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=test");

	@BeforeAll
	static void start(LlmSimulator llm) {
		simulator = llm;
	}

	@Test
	void llmHealthIsPartOfReadinessAndNotOfLiveness() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"custom.llm.clients.chat.base-url=" + simulator.baseUrl())
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.getNames()).contains("liveness", "readiness");
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
				assertThat(groups.get("readiness").isMember("custom-llm")).isTrue();
				assertThat(groups.get("readiness").isMember("custom-llm-chat")).isTrue();
				assertThat(groups.get("readiness").isMember("diskSpace")).isFalse();
				assertThat(groups.get("readiness").isMember("redis")).isFalse();
				assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
				assertThat(groups.get("liveness").isMember("custom-llm")).isFalse();
				assertThat(groups.get("liveness").isMember("custom-llm-chat")).isFalse();
				HealthEndpoint health = started(context);
				assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void readinessGroupHasBootsAdditionalPathWhenAskedFor() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"management.endpoint.health.probes.add-additional-paths=true")
			.run((context) -> {
				HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
				assertThat(readiness.isMember("custom-llm")).isTrue();
				assertThat(readiness.getAdditionalPath().getValue()).isEqualTo("/readyz");
			});
	}

	@Test
	void serviceThatIsDownMakesTheInstanceUnreadyButNotDead() {
		this.contextRunner.withPropertyValues("custom.llm.base-url=http://127.0.0.1:1/v1").run((context) -> {
			HealthEndpoint health = started(context);
			assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void readinessGroupConfiguredByTheApplicationIsKeptAsItIs() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:1/v1",
					"management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("custom-llm")).isFalse();
				assertThat(started(context).healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void switchedOffHealthLeavesTheGroupsAsBootMakesThem() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=http://127.0.0.1:1/v1",
					"management.health.custom-llm.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CustomLlmHealthIndicator.class);
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("custom-llm")).isFalse();
				assertThat(started(context).healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
			});
	}

	/**
	 * The application is live and accepts traffic, as once {@code SpringApplication.run}
	 * returned; return the health endpoint.
	 */
	private static HealthEndpoint started(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		return context.getBean(HealthEndpoint.class);
	}

	@Test
	void noProbeGroupsWhenProbesAreDisabled() {
		this.contextRunner
			.withPropertyValues("custom.llm.base-url=" + simulator.baseUrl(),
					"management.endpoint.health.probes.enabled=false")
			.run((context) -> assertThat(context.getBean(HealthEndpointGroups.class).getNames()).isEmpty());
	}

}
