package dev.customllm.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.customllm.test.LlmSimulator;

/**
 * Annotation for a Spring test that starts an {@link LlmSimulator} on a free loopback
 * port with the test's application context, points {@code custom.llm.base-url} at it,
 * sets a dummy {@code custom.llm.api-key}, and registers the simulator as a bean so that
 * the test can inject it to stub answers, inject faults and verify requests. The
 * simulator is reset before and after each test method and stopped with the context.
 *
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;AutoConfigureLlmSimulator
 * class SummaryServiceTests {
 *
 *     &#064;Autowired
 *     LlmSimulator simulator;
 *
 *     // ...
 *
 * }
 * </pre>
 *
 * A {@code CustomLlmConnectionDetails} bean of the application takes precedence over the
 * properties set here.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureLlmSimulator {

	/**
	 * API key the application sends to the simulator, which accepts any.
	 * @return the API key
	 */
	String apiKey() default "sk-llm-simulator";

}
