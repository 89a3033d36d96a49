package dev.customllm.agent;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Renders the system message of an agent: the preamble, then the context documents, each
 * in a {@code <document id="…">} element.
 *
 * @author Custom LLM team
 */
final class SystemPrompt {

	static final String DOCUMENTS_HEADING = "Use these documents when they help to answer:";

	private SystemPrompt() {
	}

	static @Nullable String render(@Nullable String preamble, List<Document> documents) {
		List<String> parts = new ArrayList<>();
		if (preamble != null && !preamble.isBlank()) {
			parts.add(preamble.strip());
		}
		if (!documents.isEmpty()) {
			StringBuilder text = new StringBuilder(DOCUMENTS_HEADING);
			for (Document document : documents) {
				text.append("\n<document id=\"").append(document.id()).append("\">\n");
				text.append(document.text().strip()).append("\n</document>");
			}
			parts.add(text.toString());
		}
		return parts.isEmpty() ? null : String.join("\n\n", parts);
	}

}
