package dev.customllm.sample.summary;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/summarize}: {@code {"text": …}} to {@code {"summary": …}}, or with
 * {@code ?structured=true} to {@code {"summary": …, "keywords": [...]}}.
 *
 * @author Custom LLM team
 */
@RestController
class SummaryController {

	private final SummaryService summaryService;

	SummaryController(SummaryService summaryService) {
		this.summaryService = summaryService;
	}

	@PostMapping("/api/summarize")
	Mono<SummarizeResponse> summarize(@RequestBody SummarizeRequest request) {
		return this.summaryService.summarize(request.text()).map(SummarizeResponse::new);
	}

	@PostMapping(path = "/api/summarize", params = "structured=true")
	Mono<StructuredSummary> summarizeStructured(@RequestBody SummarizeRequest request) {
		return this.summaryService.summarizeStructured(request.text());
	}

}
