package dev.customllm.agent;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link LlmTool} method's parameters are called and whether they are required.
 *
 * @author Custom LLM team
 */
final class MethodParameters {

	private MethodParameters() {
	}

	static Info info(Method method, Parameter parameter) {
		LlmToolParam annotation = parameter.getAnnotation(LlmToolParam.class);
		String name = (annotation != null && !annotation.name().isEmpty()) ? annotation.name() : parameter.getName();
		if (!parameter.isNamePresent() && (annotation == null || annotation.name().isEmpty())) {
			throw new IllegalArgumentException("Cannot name the parameters of tool method " + method
					+ ": compile with -parameters or name them with @LlmToolParam(name = ...)");
		}
		boolean required = (annotation == null || annotation.required()) && parameter.getType() != Optional.class
				&& !parameter.getAnnotatedType().isAnnotationPresent(Nullable.class);
		String description = (annotation != null) ? annotation.description() : "";
		return new Info(name, description, required);
	}

	/**
	 * Return the type of a parameter's value: the type itself, or what an
	 * {@link Optional} holds.
	 * @param parameter the parameter
	 * @return the value type
	 */
	static Type valueType(Parameter parameter) {
		if (parameter.getType() == Optional.class
				&& parameter.getParameterizedType() instanceof ParameterizedType optional) {
			return optional.getActualTypeArguments()[0];
		}
		return parameter.getParameterizedType();
	}

	/**
	 * A parameter as the model sees it.
	 *
	 * @param name the argument's name
	 * @param description its description, possibly empty
	 * @param required whether the model must give it
	 */
	record Info(String name, String description, boolean required) {

	}

}
