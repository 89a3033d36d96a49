package dev.customllm.agent;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Turns the {@link LlmTool} methods of beans into {@link Tool}s.
 *
 * <pre class="code">
 * Agent agent = agents.agent().tools(Tools.fromAnnotated(weatherService)).build();
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
public final class Tools {

	private Tools() {
	}

	/**
	 * Return a tool for each {@link LlmTool} method of a bean, in the order of the
	 * methods' names. Works with Spring proxies: the annotations are read from the target
	 * class and the methods called on the bean.
	 * @param bean the bean
	 * @return its tools
	 * @throws IllegalArgumentException if the bean has no tool methods, or a method
	 * cannot be described
	 */
	public static List<Tool> fromAnnotated(Object bean) {
		Class<?> type = ClassUtils.getUserClass(bean);
		List<Tool> tools = new ArrayList<>();
		for (Method method : sorted(
				ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS))) {
			LlmTool annotation = AnnotatedElementUtils.findMergedAnnotation(method, LlmTool.class);
			if (annotation != null) {
				tools.add(new MethodTool(bean, method, invocable(method, bean), annotation));
			}
		}
		if (tools.isEmpty()) {
			throw new IllegalArgumentException("No @LlmTool methods on " + type.getName());
		}
		return List.copyOf(tools);
	}

	private static Method invocable(Method method, Object bean) {
		if (method.getDeclaringClass().isInstance(bean)) {
			return method;
		}
		try {
			return bean.getClass().getMethod(method.getName(), method.getParameterTypes());
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException("@LlmTool method " + method.getName() + " cannot be called on "
					+ bean.getClass().getName() + ": declare it on an interface the proxy implements", ex);
		}
	}

	private static List<Method> sorted(Method[] methods) {
		List<Method> list = new ArrayList<>(List.of(methods));
		list.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		return list;
	}

}
