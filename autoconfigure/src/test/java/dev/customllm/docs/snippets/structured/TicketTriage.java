package dev.customllm.docs.snippets.structured;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;

import org.springframework.stereotype.Service;

/* The typed answer of docs/structured-output.md. */

@Service
class TicketTriage {

	record Ticket(String title, Priority priority, List<String> tags, @Nullable String orderNumber) {
	}

	enum Priority {

		LOW, NORMAL, URGENT

	}

	private final CompletionModel model;

	TicketTriage(CompletionModel model) {
		this.model = model;
	}

	Ticket triage(String email) {
		return this.model.complete(CompletionRequest.builder()
			.system("File this customer email as a support ticket.")
			.prompt(email)
			.repairAttempts(1) // send an unusable answer back once, with what was wrong
			.build(), Ticket.class);
	}

}
