package dev.customllm.test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code custom-llm-simulator.jar} in a JVM of its own, as {@code java -jar} does,
 * and talks to it with the JDK's HTTP client only: chat, a stream, embeddings, a fault
 * scripted over HTTP, the journal, and a clean stop on SIGTERM. Run by failsafe after
 * {@code package}.
 */
class SimulatorJarIT {

	private static final Path JAR = Path.of(System.getProperty("simulator.jar", "target/custom-llm-simulator.jar"));

	private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/v1)");

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void theJarServesChatStreamsEmbeddingsAndScriptedFaultsAndStopsOnSigterm() throws Exception {
		assertThat(JAR).as("built by the package phase").exists();
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--port", "0")
			.redirectErrorStream(true)
			.start();
		List<String> output = new CopyOnWriteArrayList<>();
		CompletableFuture<String> baseUrl = new CompletableFuture<>();
		Thread reader = new Thread(() -> read(process, output, baseUrl), "simulator-output");
		reader.setDaemon(true);
		reader.start();
		try {
			String url = baseUrl.get(60, TimeUnit.SECONDS);
			assertThat(output).anySatisfy((line) -> assertThat(line).contains("LLM simulator", "not a real model"));

			HttpResponse<String> chat = post(url + "/chat/completions", SimulatorHttp.chat("What is Java", false));
			assertThat(chat.statusCode()).isEqualTo(200);
			assertThat(SimulatorHttp.content(SimulatorHttp.json.readTree(chat.body()))).isNotBlank();

			HttpResponse<String> stream = post(url + "/chat/completions", SimulatorHttp.chat("What is Java", true));
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.body()).endsWith("data: [DONE]\n\n");
			assertThat(SimulatorHttp.deltas(SimulatorHttp.events(stream.body().strip()))).isNotBlank();

			HttpResponse<String> embeddings = post(url + "/embeddings",
					"{\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two\"]}");
			assertThat(embeddings.statusCode()).isEqualTo(200);
			JsonNode vectors = SimulatorHttp.json.readTree(embeddings.body()).path("data");
			assertThat(vectors.size()).isEqualTo(2);
			assertThat(vectors.path(0).path("embedding").size()).isPositive();

			String admin = url.replace("/v1", "/__admin");
			HttpResponse<String> fault = post(admin + "/simulator/faults",
					"{\"endpoint\":\"chat\",\"fault\":\"unavailable\",\"times\":1}");
			assertThat(fault.statusCode()).as(fault.body()).isEqualTo(200);
			assertThat(post(url + "/chat/completions", SimulatorHttp.chat("Hi", false)).statusCode()).isEqualTo(503);
			assertThat(post(url + "/chat/completions", SimulatorHttp.chat("Hi", false)).statusCode()).isEqualTo(200);

			HttpResponse<String> journal = client.send(HttpRequest.newBuilder(URI.create(admin + "/requests")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(SimulatorHttp.json.readTree(journal.body()).path("requests").size()).isEqualTo(5);
		}
		finally {
			// SIGTERM; Process.destroy() would close the output stream too
			process.toHandle().destroy();
		}
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
		reader.join(30_000);
		assertThat(process.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
		assertThat(output).contains("LLM simulator stopped");
	}

	private static HttpResponse<String> post(String url, String body) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void read(Process process, List<String> output, CompletableFuture<String> baseUrl) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				Matcher matcher = LISTENING.matcher(line);
				if (matcher.find()) {
					baseUrl.complete(matcher.group(1));
				}
			}
		}
		catch (Exception ex) {
			baseUrl.completeExceptionally(ex);
		}
		baseUrl.completeExceptionally(new IllegalStateException("The simulator ended: " + output));
	}

}
