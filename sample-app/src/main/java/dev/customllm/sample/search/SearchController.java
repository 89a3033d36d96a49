package dev.customllm.sample.search;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=…&k=3}: the {@code k} corpus documents closest to the query;
 * with {@code &rerank=true}, the {@code k} a reranker finds most relevant among the
 * closest.
 *
 * @author Custom LLM team
 */
@RestController
class SearchController {

	private final SearchService searchService;

	SearchController(SearchService searchService) {
		this.searchService = searchService;
	}

	@GetMapping("/api/search")
	Mono<List<SearchResult>> search(@RequestParam String q, @RequestParam(defaultValue = "3") int k,
			@RequestParam(defaultValue = "false") boolean rerank) {
		return rerank ? this.searchService.searchReranked(q, k) : this.searchService.search(q, k);
	}

}
