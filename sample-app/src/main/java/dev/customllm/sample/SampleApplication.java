package dev.customllm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application: summaries and semantic search on any OpenAI-compatible LLM service,
 * or on an embedded simulator when none is configured.
 *
 * @author Custom LLM team
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
