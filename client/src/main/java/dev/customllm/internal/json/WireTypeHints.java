package dev.customllm.internal.json;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;

/**
 * Registers the reflection that the {@link LlmJson wire mapper} needs on the records of
 * the wire protocol, for a GraalVM native image built with Spring AOT: their canonical
 * constructors, accessors and annotated methods, and the classes their Jackson
 * annotations name. Each package of wire types lists its own records in a
 * {@code RuntimeHintsRegistrar} declared in {@code META-INF/spring/aot.factories}.
 *
 * @author Custom LLM team
 */
public final class WireTypeHints {

	private static final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

	private WireTypeHints() {
	}

	/**
	 * Register the hints of wire types.
	 * @param hints the hints to add to
	 * @param types the wire types
	 */
	public static void register(RuntimeHints hints, Class<?>... types) {
		bindingHints.registerReflectionHints(hints.reflection(), types);
		for (Class<?> type : types) {
			hints.reflection()
				.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
						MemberCategory.ACCESS_DECLARED_FIELDS);
		}
	}

}
