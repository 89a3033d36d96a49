package dev.customllm.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that starts an {@link LlmSimulator} on a free loopback port for
 * a test class, injects it into test and lifecycle method parameters (and constructors),
 * resets it after each test and stops it after the class.
 *
 * <pre class="code">
 * &#064;ExtendWith(LlmSimulatorExtension.class)
 * class MyTests {
 *
 *     &#064;Test
 *     void answers(LlmSimulator simulator) {
 *         simulator.chat().answers("Hi");
 *         CustomLlmClient client = CustomLlmClient.builder().baseUrl(simulator.baseUrl()).build();
 *         // ...
 *     }
 *
 * }
 * </pre>
 *
 * For a Spring Boot test, use
 * {@link dev.customllm.test.context.AutoConfigureLlmSimulator @AutoConfigureLlmSimulator}
 * instead: it also points the application context at the simulator.
 *
 * @since 0.1.0
 */
public final class LlmSimulatorExtension implements ParameterResolver, AfterEachCallback {

	private static final Namespace NAMESPACE = Namespace.create(LlmSimulatorExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == LlmSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return classContext(extensionContext).getStore(NAMESPACE)
			.computeIfAbsent(LlmSimulator.class, (key) -> LlmSimulator.start(), LlmSimulator.class);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LlmSimulator simulator = classContext(context).getStore(NAMESPACE).get(LlmSimulator.class, LlmSimulator.class);
		if (simulator != null) {
			simulator.reset();
		}
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().isPresent() && current.getParent().get().getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
