package dev.customllm.docs.snippets.configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.test.LlmSimulator;
import dev.customllm.test.LlmSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the credentials provider of docs/configuration.md.
 */
@ExtendWith(LlmSimulatorExtension.class)
class VaultCredentialsTests {

	@Test
	void sendsTheKeyReadFromTheVault(LlmSimulator llm) {
		try (CustomLlmClient client = VaultCredentials.client(llm.baseUrl(),
				VaultCredentials.Vault.of("vault-key-42"))) {
			assertThat(client.completionModel("m").complete("Hello")).isNotBlank();
		}
		assertThat(llm.chatRequests().get(0).header("Authorization")).isEqualTo("Bearer vault-key-42");
	}

}
