package dev.customllm.test;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * WireMock {@link Notifier} that drops informational messages and logs errors through
 * {@link System.Logger}.
 */
final class QuietNotifier implements Notifier {

	private static final Logger logger = System.getLogger(LlmSimulator.class.getName());

	@Override
	public void info(String message) {
	}

	@Override
	public void error(String message) {
		logger.log(Level.WARNING, message);
	}

	@Override
	public void error(String message, Throwable ex) {
		logger.log(Level.WARNING, message, ex);
	}

}
