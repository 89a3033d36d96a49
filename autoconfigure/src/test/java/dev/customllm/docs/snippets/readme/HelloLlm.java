package dev.customllm.docs.snippets.readme;

import java.util.List;

import dev.customllm.CustomLlmClient;
import dev.customllm.embedding.Embedding;

public class HelloLlm {

	public static void main(String[] args) {
		try (CustomLlmClient client = CustomLlmClient.builder()
			.baseUrl("http://localhost:8000/v1")
			.apiKey(System.getenv("CUSTOM_API_KEY"))
			.build()) {
			String answer = client.completionModel("Qwen/Qwen2.5-7B-Instruct").complete("Say hello");
			List<Embedding> vectors = client.embeddingModel("BAAI/bge-m3").embedAll(List.of("one", "two"));
			System.out.println(answer + " (" + vectors.size() + " vectors)");
		}
	}

}
