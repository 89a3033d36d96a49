package dev.customllm.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Stub of the rerank endpoint of an {@link LlmSimulator}. The answer honours the
 * request's {@code top_n} and {@code return_documents}: the documents of the highest
 * scores, best first.
 *
 * <pre class="code">
 * simulator.rerank().answers(0.1, 0.9, 0.5); // the second document first, then the third
 * </pre>
 *
 * @since 0.1.0
 */
public final class RerankStub extends LlmStub<RerankStub> {

	RerankStub(LlmSimulator simulator) {
		super(simulator, SimulatedEndpoint.RERANK);
	}

	/**
	 * Score the documents of a request with these scores, by index; documents beyond them
	 * are left out of the answer.
	 * @param scores the score of each document, in the order of the request's documents
	 */
	public void answers(double... scores) {
		List<Double> values = new ArrayList<>(scores.length);
		for (double score : scores) {
			values.add(score);
		}
		respond(scripted(Script.scores(values)));
	}

}
