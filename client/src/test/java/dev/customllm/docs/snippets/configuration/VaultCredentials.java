package dev.customllm.docs.snippets.configuration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.customllm.CustomLlmClient;
import dev.customllm.http.Credentials;
import dev.customllm.http.CredentialsProvider;

/**
 * The credentials provider of docs/configuration.md: a key read from a vault for each
 * attempt.
 */
final class VaultCredentials {

	private VaultCredentials() {
	}

	static CustomLlmClient client(String baseUrl, Vault vault) {
		CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl(baseUrl)
			.credentials(CredentialsProvider
				.fromCompletionStage(() -> vault.read("llm/api-key").thenApply(Credentials::bearer)))
			.build();
		return client;
	}

	/**
	 * A vault client's asynchronous read.
	 */
	interface Vault {

		CompletionStage<String> read(String path);

		static Vault of(String key) {
			return (path) -> CompletableFuture.completedFuture(key);
		}

	}

}
