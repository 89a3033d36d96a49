package dev.customllm.docs.snippets.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the snippets of docs/testing.md run on, as a user's tests run on their
 * own {@code @SpringBootApplication}.
 */
@SpringBootApplication
class SnippetApplication {

}
