package dev.customllm.sample;

import dev.customllm.LlmException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns failures of the LLM service into {@code 502 Bad Gateway} and invalid input into
 * {@code 400 Bad Request}, both as RFC 9457 problem details.
 *
 * @author Custom LLM team
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@ExceptionHandler
	ProblemDetail handleLlmException(LlmException ex) {
		logger.warn(ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("LLM service failure");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handleIllegalArgumentException(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
