package dev.customllm.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a bean as a tool an agent can offer its model;
 * {@link Tools#fromAnnotated(Object)} turns such methods into {@link Tool}s. The JSON
 * Schema of the arguments is generated from the method's parameters (compile with
 * {@code -parameters}, as Spring Boot's build plugins do, or name them with
 * {@link LlmToolParam}).
 *
 * <pre class="code">
 * &#64;Component
 * class Weather {
 *
 *     &#64;LlmTool(description = "Current temperature in a city, in degrees Celsius")
 *     double temperature(&#64;LlmToolParam(description = "the city's name") String city) {
 *         ...
 *     }
 *
 * }
 * </pre>
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LlmTool {

	/**
	 * Name of the tool; the method's name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * What the tool does and when to use it, for the model.
	 * @return the description
	 */
	String description();

}
