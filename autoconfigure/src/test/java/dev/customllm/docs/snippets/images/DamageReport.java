package dev.customllm.docs.snippets.images;

import java.util.List;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;

import org.springframework.stereotype.Service;

/* The image question of docs/images.md. */

@Service
class DamageReport {

	private final CompletionModel model;

	DamageReport(CompletionModel model) {
		this.model = model;
	}

	String describe(byte[] photo) {
		return this.model
			.complete(CompletionRequest.builder()
				.message(Message.user(List.of(ContentPart.text("What is damaged in this photo?"),
						ContentPart.image(photo, "image/jpeg").withDetail("low"))))
				.build())
			.text();
	}

}
