package dev.customllm.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;

import dev.customllm.autoconfigure.CustomLlmAutoConfiguration;
import dev.customllm.completion.CompletionModel;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WireMockContainerConnectionDetailsFactory} against a real container.
 * Skipped without Docker, but an error in CI ({@link DockerCondition});
 * {@link ServiceConnectionTests} covers the same wiring without it.
 */
@EnabledWithDocker
@Testcontainers
@SpringBootTest(classes = WireMockContainerServiceConnectionTests.TestConfiguration.class)
class WireMockContainerServiceConnectionTests {

	private static final String CHAT_MAPPING = """
			{
			  "request": {
			    "method": "POST",
			    "urlPath": "/v1/chat/completions",
			    "headers": { "Authorization": { "equalTo": "Bearer wiremock" } }
			  },
			  "response": {
			    "status": 200,
			    "headers": { "Content-Type": "application/json" },
			    "jsonBody": {
			      "id": "chatcmpl-1", "model": "m",
			      "choices": [ { "index": 0, "message": { "role": "assistant", "content": "From WireMock" },
			                     "finish_reason": "stop" } ],
			      "usage": { "prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3 }
			    }
			  }
			}""";

	@Container
	@ServiceConnection
	static final WireMockContainer wireMock = new WireMockContainer("wiremock/wiremock:3.13.2")
		.withMappingFromJSON("chat", CHAT_MAPPING);

	@Autowired
	private CompletionModel completionModel;

	@Test
	void completesThroughTheContainer() {
		assertThat(this.completionModel.complete("Hello")).isEqualTo("From WireMock");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, CustomLlmAutoConfiguration.class })
	static class TestConfiguration {

	}

}
