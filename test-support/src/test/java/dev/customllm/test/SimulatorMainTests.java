package dev.customllm.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SimulatorMain} and the HTTP admin API of the simulator, in-process.
 */
class SimulatorMainTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@Test
	void optionsDefaultToLoopbackPort8089AndAcceptBothSpellings() {
		assertThat(SimulatorMain.Options.parse()).isEqualTo(new SimulatorMain.Options("127.0.0.1", 8089, false, null));
		assertThat(SimulatorMain.Options.parse("--port", "0", "--host", "0.0.0.0"))
			.isEqualTo(new SimulatorMain.Options("0.0.0.0", 0, false, null));
		assertThat(SimulatorMain.Options.parse("--port=9000")).extracting(SimulatorMain.Options::port).isEqualTo(9000);
		assertThat(SimulatorMain.Options.parse("--help").help()).isTrue();
	}

	@Test
	void invalidOptionsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Options.parse("--port", "http"))
			.withMessageContaining("--port must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Options.parse("--port", "70000"))
			.withMessageContaining("between 0 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Options.parse("--port"))
			.withMessageContaining("--port needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Options.parse("--verbose"))
			.withMessageContaining("Unknown option: --verbose");
	}

	@Test
	void startSaysItIsASimulatorAndWhereItListens() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (LlmSimulator simulator = SimulatorMain.start(new SimulatorMain.Options("127.0.0.1", 0, false, null),
				new PrintStream(out, true, StandardCharsets.UTF_8))) {
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("LLM simulator", "not a real model",
					"listening on " + simulator.baseUrl());
			assertThat(simulator.port()).isPositive();
		}
	}

	@Test
	void faultsScriptedOverHttpAreUsedUpThenTheSimulatedBehaviourAnswersAgain() throws Exception {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			HttpResponse<String> scripted = admin(simulator, "/simulator/faults",
					"{\"endpoint\":\"chat\",\"fault\":\"rate-limited\",\"retryAfterSeconds\":2,\"times\":1}");
			assertThat(scripted.statusCode()).as(scripted.body()).isEqualTo(200);
			SimulatorHttp http = new SimulatorHttp(simulator);
			HttpResponse<String> limited = http.post("/chat/completions", SimulatorHttp.chat("Hi", false));
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
			assertThat(http.post("/chat/completions", SimulatorHttp.chat("Hi", false)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aFaultWithoutTimesLastsUntilReset() throws Exception {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			admin(simulator, "/simulator/faults", "{\"endpoint\":\"embeddings\",\"fault\":\"status\",\"status\":503}");
			SimulatorHttp http = new SimulatorHttp(simulator);
			String embed = "{\"model\":\"e\",\"input\":[\"a\"]}";
			assertThat(http.post("/embeddings", embed).statusCode()).isEqualTo(503);
			assertThat(http.post("/embeddings", embed).statusCode()).isEqualTo(503);
			assertThat(admin(simulator, "/simulator/reset", "").statusCode()).isEqualTo(200);
			assertThat(http.post("/embeddings", embed).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void anUnknownFaultIsABadRequestNamingTheChoices() throws Exception {
		try (LlmSimulator simulator = LlmSimulator.start()) {
			HttpResponse<String> response = admin(simulator, "/simulator/faults", "{\"fault\":\"meteor\"}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("meteor", "rate-limited");
		}
	}

	static HttpResponse<String> admin(LlmSimulator simulator, String path, String body)
			throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + simulator.port() + "/__admin" + path);
		return client.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
