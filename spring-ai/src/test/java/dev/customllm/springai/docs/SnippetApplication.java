package dev.customllm.springai.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the snippets of docs/spring-ai.md run on, as a user's tests run on
 * their own {@code @SpringBootApplication}.
 */
@SpringBootApplication
class SnippetApplication {

}
