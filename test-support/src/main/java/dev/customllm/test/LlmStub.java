package dev.customllm.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.ContentPattern;

/**
 * Base of the fluent stubs of one endpoint of an {@link LlmSimulator}: which requests a
 * stub applies to, how often, how late it answers, and the faults it may answer with.
 * <p>
 * A stub without {@link #times(int)} answers every matching request until the simulator
 * is reset; the last one defined wins. Stubs with {@link #times(int)} take precedence and
 * are used up in the order they were defined; then the others, and finally the simulated
 * behaviour, answer again.
 *
 * @param <S> the type of the stub
 * @since 0.1.0
 */
public abstract class LlmStub<S extends LlmStub<S>> {

	static final int SEQUENCE_PRIORITY = 1;

	static final int NARROWED_PRIORITY = 3;

	static final int DEFAULT_PRIORITY = 5;

	private final LlmSimulator simulator;

	private final SimulatedEndpoint endpoint;

	private final List<String> fragments = new ArrayList<>();

	private final List<ContentPattern<?>> patterns = new ArrayList<>();

	private int times;

	private Duration delay = Duration.ZERO;

	LlmStub(LlmSimulator simulator, SimulatedEndpoint endpoint) {
		this.simulator = simulator;
		this.endpoint = endpoint;
	}

	/**
	 * Apply only to requests whose body contains the given text, for example a word of
	 * the prompt. May be called several times; all texts must be present.
	 * @param text the text to look for in the JSON body
	 * @return this stub
	 */
	public S whenRequestContains(String text) {
		this.fragments.add(text);
		return self();
	}

	/**
	 * Apply only to requests whose body matches a pattern, for example
	 * {@code WireMock.matchingJsonPath("$.response_format.type", WireMock.equalTo("json_schema"))}.
	 * @param pattern the pattern
	 * @return this stub
	 */
	S whenBodyMatches(ContentPattern<?> pattern) {
		this.patterns.add(pattern);
		return self();
	}

	/**
	 * Apply to the next matching request only.
	 * @return this stub
	 */
	public S once() {
		return times(1);
	}

	/**
	 * Apply to the next {@code count} matching requests only.
	 * @param count the number of requests, at least 1
	 * @return this stub
	 */
	public S times(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("Count must be positive, but was " + count);
		}
		this.times = count;
		return self();
	}

	/**
	 * Answer only after the given delay, to test timeouts.
	 * @param delay the delay before the answer starts
	 * @return this stub
	 */
	public S delayedBy(Duration delay) {
		this.delay = delay;
		return self();
	}

	/**
	 * Answer with a fault instead of a result.
	 * @param fault the fault
	 */
	public void fails(LlmFault fault) {
		respond(fault.response(this.endpoint));
	}

	final SimulatedEndpoint endpoint() {
		return this.endpoint;
	}

	final void respond(ResponseDefinitionBuilder response) {
		if (!this.delay.isZero()) {
			response.withFixedDelay(Math.toIntExact(this.delay.toMillis()));
		}
		if (this.times == 0) {
			int priority = (this.fragments.isEmpty() && this.patterns.isEmpty()) ? DEFAULT_PRIORITY : NARROWED_PRIORITY;
			this.simulator.wireMock().stubFor(mapping(priority).willReturn(response));
			return;
		}
		this.simulator.stubSequence(this.endpoint, this.times, () -> mapping(SEQUENCE_PRIORITY).willReturn(response));
	}

	private MappingBuilder mapping(int priority) {
		MappingBuilder mapping = WireMock.post(WireMock.urlPathEqualTo(this.endpoint.path())).atPriority(priority);
		this.fragments.forEach((fragment) -> mapping.withRequestBody(WireMock.containing(fragment)));
		this.patterns.forEach(mapping::withRequestBody);
		return mapping;
	}

	static ResponseDefinitionBuilder scripted(Script script) {
		return WireMock.aResponse()
			.withTransformers(ScriptedEndpoint.NAME)
			.withTransformerParameter(Script.PARAMETER, script.toJson());
	}

	@SuppressWarnings("unchecked")
	private S self() {
		return (S) this;
	}

}
