package dev.customllm.autoconfigure;

import java.util.Map;
import java.util.Set;

import dev.customllm.CustomLlmClient;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads the named clients ({@code custom.llm.clients.<name>.*}) from the environment, each
 * inheriting what it leaves unset from {@code custom.llm.*}.
 *
 * @author Custom LLM team
 */
final class NamedClients {

	private static final String CLIENTS = CustomLlmProperties.PREFIX + ".clients";

	private NamedClients() {
	}

	/**
	 * Return the names of the named clients.
	 * @param environment the environment
	 * @return the names, in the order configured
	 */
	static Set<String> names(Environment environment) {
		return Binder.get(environment)
			.bind(CLIENTS, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	/**
	 * Return the property prefix of a named client.
	 * @param name the client's name
	 * @return the prefix
	 */
	static String prefix(String name) {
		return CLIENTS + "." + name;
	}

	/**
	 * Bind the properties of a named client: {@code custom.llm.*} first, then the client's
	 * own values on top.
	 * @param environment the environment
	 * @param name the client's name
	 * @return the properties
	 */
	static CustomLlmProperties properties(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		CustomLlmProperties properties = new CustomLlmProperties();
		binder.bind(CustomLlmProperties.PREFIX, Bindable.ofInstance(properties));
		binder.bind(prefix(name), Bindable.ofInstance(properties));
		if (!binder.bind(prefix(name) + ".provider-name", Bindable.of(String.class)).isBound()) {
			properties.setProviderName(name);
		}
		if (properties.getBaseUrl().isBlank()) {
			properties.setBaseUrl(binder.bind(CustomLlmProperties.PREFIX + ".base-url", Bindable.of(String.class))
				.orElse(CustomLlmClient.DEFAULT_BASE_URL));
		}
		return properties;
	}

}
