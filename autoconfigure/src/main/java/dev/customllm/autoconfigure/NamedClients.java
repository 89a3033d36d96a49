package dev.customllm.autoconfigure;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Reads the named clients ({@code custom.llm.clients.<name>.*}) from the environment,
 * each inheriting what it leaves unset from {@code custom.llm.*}.
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
	 * Bind the properties of a named client: {@code custom.llm.*} first, except the
	 * provider name (the client's name) and the Redis key prefix, then the client's own
	 * values on top.
	 * @param environment the environment
	 * @param name the client's name
	 * @return the properties
	 * @throws CustomLlmConfigurationException if the client sets a property that a named
	 * client does not have, such as {@code enabled} or {@code clients}
	 */
	static CustomLlmClientProperties properties(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		CustomLlmClientProperties properties = new CustomLlmClientProperties();
		binder.bind(CustomLlmProperties.PREFIX, Bindable.ofInstance(properties));
		properties.setProviderName(name);
		properties.getRateLimit().getRedis().setKeyPrefix(null);
		bindOwn(binder, name, properties);
		String baseUrl = properties.getBaseUrl();
		if (baseUrl == null || baseUrl.isBlank()) {
			properties.setBaseUrl(null);
			binder.bind(CustomLlmProperties.PREFIX + ".base-url", Bindable.of(String.class))
				.ifBound(properties::setBaseUrl);
		}
		return properties;
	}

	private static void bindOwn(Binder binder, String name, CustomLlmClientProperties properties) {
		try {
			binder.bind(prefix(name), Bindable.ofInstance(properties),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				throw CustomLlmConfigurationException.notNamedClientProperties(prefix(name),
						unbound.getUnboundProperties());
			}
			throw ex;
		}
	}

}
