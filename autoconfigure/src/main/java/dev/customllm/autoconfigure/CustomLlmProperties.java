package dev.customllm.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the LLM clients: the default client ({@code custom.llm.*})
 * and the named clients ({@code custom.llm.clients.<name>.*}).
 *
 * @author Custom LLM team
 * @since 0.1.0
 */
@ConfigurationProperties(CustomLlmProperties.PREFIX)
public class CustomLlmProperties extends CustomLlmClientProperties {

	/**
	 * Prefix of the properties.
	 */
	public static final String PREFIX = "custom.llm";

	/**
	 * Whether to auto-configure the LLM client and its models.
	 */
	private boolean enabled = true;

	/**
	 * Named clients, each accepting every custom.llm property except enabled and clients.
	 * Values a named client leaves unset are inherited from custom.llm, except
	 * provider-name and rate-limit.redis.key-prefix.
	 */
	private Map<String, CustomLlmClientProperties> clients = new LinkedHashMap<>();

	/**
	 * Routes, each spreading its calls over several clients with failover and cooldowns,
	 * defined as the beans '<route>CompletionModel' and '<route>EmbeddingModel'.
	 */
	private Map<String, CustomLlmRouteProperties> routes = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, CustomLlmClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, CustomLlmClientProperties> clients) {
		this.clients = clients;
	}

	public Map<String, CustomLlmRouteProperties> getRoutes() {
		return this.routes;
	}

	public void setRoutes(Map<String, CustomLlmRouteProperties> routes) {
		this.routes = routes;
	}

}
