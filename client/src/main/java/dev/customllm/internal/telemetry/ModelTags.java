package dev.customllm.internal.telemetry;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Bounds the distinct model names one client puts into tags, as Micrometer's
 * {@code MeterFilter.maximumAllowableTags} does: the configured models are always kept,
 * further names are kept until the limit, and past it every new name becomes
 * {@value #OTHER}. Model names may come from an application's users; meters must not grow
 * with them. Thread-safe.
 *
 * @author Custom LLM team
 */
final class ModelTags {

	/**
	 * The tag value of models past the limit.
	 */
	static final String OTHER = "_OTHER";

	/**
	 * Most distinct model names one client tags, the configured ones aside.
	 */
	static final int LIMIT = 100;

	private final Set<String> configured;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private final int limit;

	ModelTags(Collection<String> configured, int limit) {
		this.configured = Set.copyOf(configured);
		this.limit = limit;
	}

	@Nullable String value(@Nullable String model) {
		if (model == null || this.configured.contains(model) || this.seen.contains(model)) {
			return model;
		}
		if (this.seen.size() < this.limit) {
			this.seen.add(model);
			return model;
		}
		return OTHER;
	}

}
