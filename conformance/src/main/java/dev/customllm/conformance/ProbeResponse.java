package dev.customllm.conformance;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What the service answered to a probe.
 *
 * @param status the HTTP status, or {@code 0} when no answer arrived
 * @param contentType the content type, possibly empty
 * @param body the body, or a description of the failure when no answer arrived
 */
record ProbeResponse(int status, String contentType, String body) {

	private static final int EXCERPT = 80;

	static ProbeResponse failed(Exception ex) {
		return new ProbeResponse(0, "", ex.getClass().getSimpleName() + ": " + ex.getMessage());
	}

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	JsonNode json() {
		try {
			return ProbeClient.json.readTree(this.body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * Return the JSON payloads of a server-sent event stream, without {@code [DONE]}.
	 * @return the payloads
	 */
	List<JsonNode> events() {
		List<JsonNode> events = new ArrayList<>();
		for (String line : this.body.split("\r?\n")) {
			if (line.startsWith("data:") && !line.substring(5).strip().equals("[DONE]")) {
				events.add(ProbeClient.json.readTree(line.substring(5).strip()));
			}
		}
		return events;
	}

	boolean done() {
		return this.body.lines()
			.anyMatch((line) -> line.startsWith("data:") && line.substring(5).strip().equals("[DONE]"));
	}

	String summary() {
		if (this.status == 0) {
			return "no answer (" + excerpt() + ")";
		}
		String message = json().path("error").path("message").asString(json().path("error").asString(""));
		return this.status + " " + (message.isEmpty() ? excerpt() : message);
	}

	private String excerpt() {
		String text = this.body.strip().replaceAll("\\s+", " ");
		return (text.length() > EXCERPT) ? text.substring(0, EXCERPT) + "..." : text;
	}

}
