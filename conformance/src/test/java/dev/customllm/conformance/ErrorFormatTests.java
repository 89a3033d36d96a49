package dev.customllm.conformance;

import org.junit.jupiter.api.Test;

import dev.customllm.conformance.Finding.Support;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorFormat}.
 */
class ErrorFormatTests {

	@Test
	void openAiShapeIsSupported() {
		String body = "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":null}}";
		assertThat(ErrorFormat.of(json(body)).support()).isEqualTo(Support.YES);
	}

	@Test
	void stringErrorAndFastApiDetailArePartlySupported() {
		assertThat(ErrorFormat.of(json("{\"error\":\"bad\"}")).support()).isEqualTo(Support.PARTLY);
		assertThat(ErrorFormat.of(json("{\"detail\":\"bad\"}")).support()).isEqualTo(Support.PARTLY);
	}

	@Test
	void htmlIsReportedWithAnExcerpt() {
		Finding finding = ErrorFormat.of(new ProbeResponse(502, "text/html", "<html><body>Bad Gateway</body></html>"));
		assertThat(finding.support()).isEqualTo(Support.PARTLY);
		assertThat(finding.observed()).contains("not JSON", "Bad Gateway");
	}

	@Test
	void acceptingAnInvalidRequestIsNotSupported() {
		assertThat(ErrorFormat.of(new ProbeResponse(200, "application/json", "{}")).support()).isEqualTo(Support.NO);
	}

	private static ProbeResponse json(String body) {
		return new ProbeResponse(400, "application/json", body);
	}

}
