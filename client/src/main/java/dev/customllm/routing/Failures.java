package dev.customllm.routing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.customllm.LlmApiException;
import dev.customllm.LlmException;

/**
 * The failures of the attempts of one routed call, and the failure its caller gets: the
 * last one, naming each deployment tried, with the earlier ones suppressed. Allocated
 * only once an attempt fails.
 *
 * @author Custom LLM team
 */
final class Failures {

	private final String route;

	private final List<String> deployments = new ArrayList<>(4);

	private final List<Throwable> failures = new ArrayList<>(4);

	private final List<String> reasons = new ArrayList<>(4);

	Failures(String route) {
		this.route = route;
	}

	void add(String deployment, Throwable failure, String reason) {
		this.deployments.add(deployment);
		this.failures.add(failure);
		this.reasons.add(reason);
	}

	/**
	 * Return the failure the caller gets when an attempt ends the call.
	 * @param failures the failures of earlier attempts, or {@code null} if there was none
	 * @param deployment the deployment of the last attempt
	 * @param failure its failure
	 * @return the failure to signal
	 */
	static Throwable outcome(@Nullable Failures failures, String deployment, Throwable failure) {
		return (failures != null) ? failures.fail(deployment, failure) : failure;
	}

	/**
	 * Return the failure the caller gets when the call tried every deployment.
	 * @param deployment the deployment of the last attempt
	 * @param failure its failure
	 * @return the failure to signal
	 */
	Throwable fail(String deployment, Throwable failure) {
		if (this.failures.isEmpty() || this.failures.get(this.failures.size() - 1) != failure) {
			add(deployment, failure, describe(failure));
		}
		StringBuilder note = new StringBuilder("route '").append(this.route).append("' tried ");
		for (int i = 0; i < this.deployments.size(); i++) {
			note.append((i > 0) ? ", " : "")
				.append(this.deployments.get(i))
				.append(" (")
				.append(this.reasons.get(i))
				.append(')');
		}
		Throwable outcome = (failure instanceof LlmException llm) ? llm.withNote(note.toString()) : failure;
		for (Throwable earlier : this.failures) {
			if (earlier != failure) {
				outcome.addSuppressed(earlier);
			}
		}
		return outcome;
	}

	private static String describe(Throwable failure) {
		return (failure instanceof LlmApiException api) ? "status_" + api.status() : failure.getClass().getSimpleName();
	}

}
