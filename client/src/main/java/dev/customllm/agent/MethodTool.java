package dev.customllm.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.ReflectionUtils;

/**
 * A {@link Tool} that calls an {@link LlmTool} method of a bean, reading each argument as
 * the type of its parameter.
 *
 * @author Custom LLM team
 */
final class MethodTool extends AbstractTool {

	private final Object bean;

	private final Method method;

	private final Method invocable;

	MethodTool(Object bean, Method method, Method invocable, LlmTool annotation) {
		super(annotation.name().isEmpty() ? method.getName() : annotation.name(), annotation.description(),
				ToolSchemas.forParameters(method));
		this.bean = bean;
		this.method = method;
		this.invocable = invocable;
		ReflectionUtils.makeAccessible(invocable);
	}

	@Override
	public Object call(JsonNode arguments) throws Exception {
		Parameter[] parameters = this.method.getParameters();
		@Nullable Object[] values = new @Nullable Object[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			values[i] = argument(arguments, parameters[i]);
		}
		try {
			Object result = this.invocable.invoke(this.bean, values);
			return (this.method.getReturnType() == void.class) ? "done" : result;
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	private @Nullable Object argument(JsonNode arguments, Parameter parameter) {
		JsonNode value = arguments.get(MethodParameters.info(this.method, parameter).name());
		if (parameter.getType() == Optional.class) {
			return (value == null || value.isNull()) ? Optional.empty()
					: Optional.ofNullable(ToolJson.bind(value, MethodParameters.valueType(parameter)));
		}
		return (value == null || value.isNull()) ? null : ToolJson.bind(value, parameter.getParameterizedType());
	}

	@Override
	public String toString() {
		return "Tool[" + name() + " -> " + this.method + "]";
	}

}
