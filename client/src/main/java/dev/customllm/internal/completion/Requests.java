package dev.customllm.internal.completion;

import dev.customllm.completion.CompletionDefaults;
import dev.customllm.completion.CompletionRequest;
import java.nio.ByteBuffer;
import java.util.List;

import dev.customllm.completion.ContentPart;
import dev.customllm.completion.Message;

import org.jspecify.annotations.Nullable;

/**
 * Merges a request with the model's defaults: a value set on the request wins.
 *
 * @author Custom LLM team
 */
final class Requests {

	private Requests() {
	}

	static @Nullable String model(CompletionRequest request, CompletionDefaults defaults) {
		return (request.model() != null) ? request.model() : defaults.model();
	}

	static @Nullable Double temperature(CompletionRequest request, CompletionDefaults defaults) {
		return (request.temperature() != null) ? request.temperature() : defaults.temperature();
	}

	static @Nullable Integer maxTokens(CompletionRequest request, CompletionDefaults defaults) {
		return (request.maxTokens() != null) ? request.maxTokens() : defaults.maxTokens();
	}

	/**
	 * Return how many base64 characters the images given by their bytes take in the body
	 * of a request, 0 when there is none.
	 */
	static long inlineImageChars(CompletionRequest request) {
		// indexed, not iterated: no iterator per call on the common path without images
		long chars = 0;
		List<Message> messages = request.messages();
		for (int i = 0; i < messages.size(); i++) {
			List<ContentPart> parts = messages.get(i).parts();
			for (int j = 0; j < parts.size(); j++) {
				ContentPart part = parts.get(j);
				ByteBuffer data = part.isImage() ? part.imageData() : null;
				if (data != null) {
					chars += 4L * ((data.remaining() + 2) / 3);
				}
			}
		}
		return chars;
	}

	static @Nullable List<String> stop(CompletionRequest request) {
		return request.stop().isEmpty() ? null : request.stop();
	}

}
