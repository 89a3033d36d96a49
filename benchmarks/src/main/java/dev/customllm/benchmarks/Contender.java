package dev.customllm.benchmarks;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One side of a comparison: the library, or the hand-written baseline. Both make the same
 * HTTP exchanges with the stub and return the same information.
 *
 * @author Custom LLM team
 */
interface Contender extends AutoCloseable {

	/**
	 * Return the name shown in reports.
	 * @return the name
	 */
	String name();

	/**
	 * Complete a prompt.
	 * @param prompt the prompt
	 * @return the answer's text
	 */
	Mono<String> chat(String prompt);

	/**
	 * Stream the answer to a prompt.
	 * @param prompt the prompt
	 * @return the text of each chunk
	 */
	Flux<String> stream(String prompt);

	/**
	 * Embed texts in batches, with batches in flight at once.
	 * @param texts the texts
	 * @return the vectors, in the order of the texts
	 */
	Mono<? extends List<?>> embedAll(List<String> texts);

	@Override
	void close();

}
