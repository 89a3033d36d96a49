package dev.customllm.test;

import java.util.Arrays;
import java.util.List;

/**
 * Stub of the embeddings endpoint of an {@link LlmSimulator}. Vectors are sent as float
 * arrays or as base64, whichever the request's {@code encoding_format} asks for.
 *
 * <pre class="code">
 * simulator.embeddings().answers(new float[] { 1, 0 }, new float[] { 0, 1 });
 * </pre>
 *
 * @since 0.1.0
 */
public final class EmbeddingStub extends LlmStub<EmbeddingStub> {

	EmbeddingStub(LlmSimulator simulator) {
		super(simulator, SimulatedEndpoint.EMBEDDINGS);
	}

	/**
	 * Answer with exactly these vectors, whatever the number of inputs.
	 * @param vectors the embeddings, in order
	 */
	public void answers(float[]... vectors) {
		answers(Arrays.asList(vectors));
	}

	/**
	 * Answer with exactly these vectors, whatever the number of inputs.
	 * @param vectors the embeddings, in order
	 */
	public void answers(List<float[]> vectors) {
		respond(scripted(Script.embeddings(vectors)));
	}

}
