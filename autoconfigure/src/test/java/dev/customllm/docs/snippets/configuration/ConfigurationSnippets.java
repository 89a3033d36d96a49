package dev.customllm.docs.snippets.configuration;

import reactor.netty.transport.ProxyProvider;

import dev.customllm.autoconfigure.CustomLlmClientCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The code of docs/configuration.md. {@code ProxyCustomizerTests} checks that such a
 * customizer sends the calls through the proxy.
 */
@Configuration(proxyBeanMethods = false)
class ConfigurationSnippets {

	@Bean
	CustomLlmClientCustomizer viaProxy() {
		return (builder) -> builder.httpClientCustomizer((client) -> client
			.proxy((proxy) -> proxy.type(ProxyProvider.Proxy.HTTP).host("proxy.internal").port(3128)));
	}

}
