package dev.customllm.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of an {@link LlmTool} method.
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LlmToolParam {

	/**
	 * Name of the argument; the parameter's name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * What the argument means, for the model.
	 * @return the description
	 */
	String description() default "";

	/**
	 * Whether the model must give the argument; when it does not, the parameter is
	 * {@code null}.
	 * @return whether the argument is required
	 */
	boolean required() default true;

}
