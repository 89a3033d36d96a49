package dev.customllm.autoconfigure;

import java.util.Arrays;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Maps a Spring Boot {@link SslBundle} to the Netty {@link SslContext} the client takes:
 * its key and trust managers, and its protocols and ciphers when the bundle names them.
 *
 * @author Custom LLM team
 */
final class SslBundleContexts {

	private SslBundleContexts() {
	}

	static SslContext create(SslBundle bundle) throws SSLException {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		SslContextBuilder builder = SslContextBuilder.forClient()
			.keyManager(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory());
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(Arrays.asList(options.getCiphers()));
		}
		return builder.build();
	}

}
