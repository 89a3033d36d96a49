package dev.customllm.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line written during a test, formatted as
 * {@code LEVEL logger - message} with the stack traces, and passes it to the test as a
 * {@link CapturedLog} parameter. The client's tests cannot use Spring Boot's output
 * capture: the client module has no Spring Boot dependency, not even in tests.
 */
public final class LogCaptureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(LogCaptureExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(loggers);
		encoder.setPattern("%level %logger - %msg%n%ex");
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(loggers);
		appender.setName("capture");
		appender.setEncoder(encoder);
		appender.setOutputStream(bytes);
		appender.start();
		loggers.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
		context.getStore(NAMESPACE).put(CapturedLog.class, new CapturedLog(bytes, appender));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		CapturedLog log = context.getStore(NAMESPACE).remove(CapturedLog.class, CapturedLog.class);
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		loggers.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(log.appender);
		log.appender.stop();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == CapturedLog.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).get(CapturedLog.class, CapturedLog.class);
	}

	/**
	 * The log lines written so far in the current test.
	 */
	public static final class CapturedLog {

		private final ByteArrayOutputStream bytes;

		private final OutputStreamAppender<ILoggingEvent> appender;

		CapturedLog(ByteArrayOutputStream bytes, OutputStreamAppender<ILoggingEvent> appender) {
			this.bytes = bytes;
			this.appender = appender;
		}

		/**
		 * Return every line logged so far.
		 * @return the lines, one per line
		 */
		public String getAll() {
			synchronized (this.bytes) {
				return this.bytes.toString(StandardCharsets.UTF_8);
			}
		}

		@Override
		public String toString() {
			return getAll();
		}

	}

}
