package dev.customllm.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.customllm.CustomLlmClient;
import dev.customllm.LlmException;
import dev.customllm.LlmResponseException;
import dev.customllm.completion.CompletionModel;
import dev.customllm.completion.CompletionRequest;
import dev.customllm.http.HttpLogLevel;
import dev.customllm.logging.LogCaptureExtension;
import dev.customllm.logging.LogCaptureExtension.CapturedLog;
import dev.customllm.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A service echoes the key (with and without dashes) at every offset around each place
 * where the client cuts a text: the excerpt of an error body (200 characters), of a bad
 * event (100), Jackson's token in its message (256), a structured answer's excerpt (200)
 * and a schema value's (60), and a logged body. No message, cause, stack trace,
 * {@code problem()}, {@code rawAnswer()} or log line shows any piece of 8 characters.
 */
@ExtendWith(LogCaptureExtension.class)
class SecretLeakTests {

	private static final List<String> KEYS = List.of("sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vX7z",
			"skprojAb3dE5gH7jK9mN1pQ3sT5vX7zQ");

	private static final Pattern PROMPT = Pattern.compile("point=(\\w+) offset=(\\d+) key=(\\d)");

	private static final String CHAT = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":%s}}]}";

	@Test
	void noPieceOfTheKeyShowsAroundAnyCut(CapturedLog log) throws IOException {
		try (HostileServer server = new HostileServer(SecretLeakTests::answer)) {
			int cases = 0;
			for (int key = 0; key < KEYS.size(); key++) {
				try (CustomLlmClient client = CustomLlmClient.builder()
					.baseUrl(server.baseUrl())
					.apiKey(KEYS.get(key))
					.retry(RetrySettings.NONE)
					.httpLogging(HttpLogLevel.BODY, 300)
					.build()) {
					CompletionModel model = client.completionModel("m");
					cases += around(model, "html", key, 200);
					cases += around(model, "sse", key, 100);
					cases += around(model, "json", key, 256);
					cases += around(model, "structured", key, 200);
					cases += around(model, "schema", key, 60);
					cases += around(model, "logged", key, 300);
				}
			}
			assertThat(cases).isGreaterThan(500);
			assertThat(MASKED.get()).as("failures that showed the mask").isGreaterThan(300);
		}
		String logs = log.getAll();
		assertThat(logs).contains("dev.customllm.http").contains("******");
		for (String key : KEYS) {
			HostileAnswersRoundTwoTests.assertNoPiece(logs, key);
		}
	}

	/**
	 * How many failures showed the mask: proof that the key did reach the messages.
	 */
	private static final java.util.concurrent.atomic.AtomicInteger MASKED = new java.util.concurrent.atomic.AtomicInteger();

	private static int around(CompletionModel model, String point, int key, int cut) {
		int cases = 0;
		for (int offset = Math.max(0, cut - 45); offset <= cut + 5; offset++) {
			String prompt = "point=" + point + " offset=" + offset + " key=" + key;
			Throwable failure = null;
			try {
				switch (point) {
					case "sse" -> model.stream(CompletionRequest.of(prompt)).blockLast(Duration.ofSeconds(10));
					case "structured", "schema" ->
						model.completeAsync(CompletionRequest.of(prompt), City.class).block(Duration.ofSeconds(10));
					default -> model.complete(prompt);
				}
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			if (failure == null && !point.equals("logged")) {
				fail("no failure at " + prompt);
			}
			if (failure != null) {
				scan(failure, KEYS.get(key), prompt);
			}
			cases++;
		}
		return cases;
	}

	private static void scan(Throwable failure, String key, String where) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		StringBuilder seen = new StringBuilder().append(failure.getMessage())
			.append('\n')
			.append(failure)
			.append('\n')
			.append(trace);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LlmResponseException response) {
				seen.append('\n').append(response.problem()).append('\n').append(response.rawAnswer());
			}
		}
		assertThat(failure).as(where).isInstanceOf(LlmException.class);
		assertThat(failure.getMessage()).as(where).doesNotContain("no prompt").doesNotContain("unknown point");
		HostileAnswersRoundTwoTests.assertNoPiece(seen.toString(), key);
		if (seen.indexOf("******") >= 0) {
			MASKED.incrementAndGet();
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String body = HostileServer.head(exchange);
		Matcher prompt = PROMPT.matcher(body);
		if (!prompt.find()) {
			HostileServer.respond(exchange, 400, "text/plain", "no prompt");
			return;
		}
		String point = prompt.group(1);
		String padding = "a".repeat(Integer.parseInt(prompt.group(2)));
		String key = KEYS.get(Integer.parseInt(prompt.group(3)));
		switch (point) {
			case "html" ->
				HostileServer.respond(exchange, 502, "text/html", "<html><p>" + padding + key + "</p></html>");
			case "sse" -> {
				OutputStream out = HostileServer.openStream(exchange);
				HostileServer.send(out, "data: \"" + padding + key + "\"\n\n");
			}
			case "json" -> HostileServer.respond(exchange, 200, "application/json", CHAT.formatted(padding + key));
			case "structured", "logged" ->
				HostileServer.respond(exchange, 200, "application/json", CHAT.formatted("\"" + padding + key + "\""));
			case "schema" -> HostileServer.respond(exchange, 200, "application/json",
					CHAT.formatted("\"{\\\"name\\\":\\\"" + padding + key + "\\\",\\\"population\\\":\\\"many\\\"}\""));
			default -> HostileServer.respond(exchange, 400, "text/plain", "unknown point");
		}
	}

	record City(String name, int population) {
	}

}
