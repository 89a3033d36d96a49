package dev.customllm.benchmarks;

import dev.customllm.CustomLlmClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The library with {@code custom.llm.http.client=webclient}: the client of a Spring Boot
 * application whose requests go through the WebClient that Boot configures, as an
 * application that adds filters to it would have it (here with none, to measure the
 * WebClient itself). Retries off, as for the library.
 *
 * @author Custom LLM team
 */
final class LibraryOverWebClient {

	private LibraryOverWebClient() {
	}

	/**
	 * Start the application and return its client as a contender, which stops the
	 * application when closed.
	 * @param settings the contenders' settings
	 * @return the contender
	 */
	static Contender create(ContenderSettings settings) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("custom.llm.base-url=" + settings.baseUrl(), "custom.llm.api-key=" + ContenderSettings.API_KEY,
					"custom.llm.http.client=webclient", "custom.llm.retry.max-retries=0",
					"custom.llm.response-timeout=" + ContenderSettings.RESPONSE_TIMEOUT.toMillis() + "ms",
					"spring.main.banner-mode=off")
			.run();
		return new LibraryContender("library-webclient", context.getBean(CustomLlmClient.class), context);
	}

	/**
	 * The application: auto-configuration only.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
