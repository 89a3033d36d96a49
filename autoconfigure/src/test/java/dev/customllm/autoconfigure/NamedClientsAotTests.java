package dev.customllm.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring AOT processes the beans of named clients into generated code, with
 * the runtime hints they need.
 */
class NamedClientsAotTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class,
				CustomLlmHealthContributorAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=sk-test", "custom.llm.clients.chat.base-url=http://127.0.0.1:9/v1");

	@Test
	void namedClientBeansBecomeGeneratedCodeWithTheirQualifiersAndHints() {
		this.contextRunner.prepare((context) -> {
			InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(NamedClientsAotTests.class)), files);
			new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generation);
			generation.writeGeneratedContent();
			assertThat(source(files, "NamedClientsRegistrar__BeanDefinitions")).contains(
					"NamedClientsRegistrar.client(args.get(0), args.get(1), args.get(2))",
					"NamedClientsRegistrar.completionModel(args.get(0))",
					"NamedClientsRegistrar.embeddingModel(args.get(0))",
					"addIndexedArgumentValue(0, new RuntimeBeanReference(\"chatCustomLlmClient\"))",
					"new AutowireCandidateQualifier(\"org.springframework.beans.factory.annotation.Qualifier\", \"chat\")",
					"setDestroyMethodNames(\"close\")");
			assertThat(source(files, "NamedClientsHealthRegistrar__BeanDefinitions"))
				.contains("NamedClientsHealthRegistrar.indicator(args.get(0), args.get(1), args.get(2))");
			assertThat(RuntimeHintsPredicates.reflection().onType(CustomLlmClientProperties.Retry.class))
				.accepts(generation.getRuntimeHints());
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of("dev.customllm.internal.completion.ChatCompletionResult")))
				.accepts(generation.getRuntimeHints());
		});
	}

	private static String source(InMemoryGeneratedFiles files, String simpleName) throws IOException {
		String content = files.getGeneratedFileContent(Kind.SOURCE,
				"dev/customllm/autoconfigure/" + simpleName + ".java");
		assertThat(content).as("generated %s", simpleName).isNotNull();
		return content;
	}

}
