package dev.customllm.testing;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock gateway on loopback that speaks only HTTPS and requires a client certificate
 * signed by the test CA: the key material is in {@code src/test/resources/tls} of the
 * module that runs the test ({@code server.p12}, {@code truststore.p12}, password
 * {@code changeit}; {@code ca.crt}, {@code client.crt}, {@code client.key} for the
 * client).
 */
public final class MutualTlsGateway {

	private MutualTlsGateway() {
	}

	/**
	 * The folder of the key material of the module under test.
	 * @return the folder
	 */
	public static Path material() {
		return Path.of("src/test/resources/tls").toAbsolutePath();
	}

	/**
	 * Start a gateway that requires a client certificate.
	 * @return the started server; stop it after the tests
	 */
	public static WireMockServer start() {
		Path tls = material();
		WireMockServer gateway = new WireMockServer(options().dynamicHttpsPort()
			.httpDisabled(true)
			.bindAddress("127.0.0.1")
			.keystorePath(tls.resolve("server.p12").toString())
			.keystorePassword("changeit")
			.keyManagerPassword("changeit")
			.keystoreType("PKCS12")
			.needClientAuth(true)
			.trustStorePath(tls.resolve("truststore.p12").toString())
			.trustStorePassword("changeit")
			.trustStoreType("PKCS12"));
		gateway.start();
		return gateway;
	}

}
