package dev.customllm.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;

/**
 * Puts the health of the LLM services ({@code custom-llm} and {@code custom-llm-<name>})
 * in Spring Boot's {@code readiness} group, beside {@code readinessState}, unless the
 * application configures that group itself
 * ({@code management.endpoint.health.group.readiness.*}). The {@code liveness} group is
 * left alone: a service that is down makes an instance unready, never restarted. Runs
 * just before Boot's availability probes, which then keep this group (and add
 * {@code /readyz} to it when asked to).
 * <p>
 * A post-processor rather than a default {@code include} property, because Boot's groups
 * take exact names (no {@code custom-llm*} pattern) and fail at start-up on a name that
 * has no contributor, while the names here depend on the clients the application defines.
 *
 * @author Custom LLM team
 */
final class CustomLlmReadinessGroupPostProcessor implements HealthEndpointGroupsPostProcessor, Ordered {

	static final String READINESS = "readiness";

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return (groups.get(READINESS) != null) ? groups : new WithReadiness(groups);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	static boolean isLlmHealth(String name) {
		return name.equals("custom-llm") || name.startsWith("custom-llm-");
	}

	/**
	 * The application's groups, and the readiness group.
	 */
	private static final class WithReadiness implements HealthEndpointGroups, AdditionalPathsMapper {

		private final HealthEndpointGroups groups;

		private final Set<String> names;

		private final HealthEndpointGroup readiness = new ReadinessGroup();

		WithReadiness(HealthEndpointGroups groups) {
			this.groups = groups;
			Set<String> names = new LinkedHashSet<>(groups.getNames());
			names.add(READINESS);
			this.names = Set.copyOf(names);
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.names;
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			return READINESS.equals(name) ? this.readiness : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, namespace) : null;
		}

	}

	/**
	 * The group Boot's availability probes would create, with the LLM services added:
	 * status only, no components or details.
	 */
	private static final class ReadinessGroup implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return "readinessState".equals(name) || isLlmHealth(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return false;
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return false;
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return StatusAggregator.getDefault();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return HttpCodeStatusMapper.DEFAULT;
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return null;
		}

	}

}
