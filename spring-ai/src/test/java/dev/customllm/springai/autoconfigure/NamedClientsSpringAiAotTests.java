package dev.customllm.springai.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring AOT processes the Spring AI models of named clients into generated
 * code, qualified and kept from unqualified injection points.
 */
class NamedClientsSpringAiAotTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CustomLlmAutoConfiguration.class, CustomLlmSpringAiAutoConfiguration.class))
		.withPropertyValues("custom.llm.api-key=sk-test", "custom.llm.clients.chat.base-url=http://127.0.0.1:9/v1");

	@Test
	void namedClientsSpringAiModelsBecomeGeneratedCode() {
		this.contextRunner.prepare((context) -> {
			InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(NamedClientsSpringAiAotTests.class)), files);
			new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generation);
			generation.writeGeneratedContent();
			String source = files.getGeneratedFileContent(Kind.SOURCE,
					"dev/customllm/springai/autoconfigure/NamedClientsSpringAiRegistrar__BeanDefinitions.java");
			assertThat(source).isNotNull()
				.contains("NamedClientsSpringAiRegistrar.chatModel(args.get(0), args.get(1))",
						"NamedClientsSpringAiRegistrar.embeddingModel(args.get(0), args.get(1), args.get(2))",
						"new RuntimeBeanReference(\"chatCompletionModel\")",
						"new AutowireCandidateQualifier(\"org.springframework.beans.factory.annotation.Qualifier\", \"chat\")",
						"setDefaultCandidate(false)");
		});
	}

}
