package dev.customllm.autoconfigure;

import dev.customllm.CustomLlmClient;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * The LLM client cannot be configured as it stands. Carries what is wrong and what to do;
 * never a secret.
 *
 * @author Custom LLM team
 * @see CustomLlmConfigurationFailureAnalyzer
 * @since 0.1.0
 */
public class CustomLlmConfigurationException extends IllegalStateException {

	private final String action;

	/**
	 * Create a new instance.
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public CustomLlmConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Create the exception for a required API key that is absent.
	 * @param prefix the property prefix of the client, such as {@code custom.llm}
	 * @param baseUrl the base URL of the service
	 * @return the exception
	 */
	static CustomLlmConfigurationException missingApiKey(String prefix, String baseUrl) {
		String description = "No API key is configured for the LLM service at " + CustomLlmClient.printableUrl(baseUrl)
				+ (prefix.equals(CustomLlmProperties.PREFIX) ? "." : " (client '" + clientName(prefix) + "').");
		return new CustomLlmConfigurationException(description, "Set the '" + prefix + ".api-key' property"
				+ (prefix.equals(CustomLlmProperties.PREFIX) ? "" : " (or 'custom.llm.api-key' for all clients)")
				+ " or the CUSTOM_API_KEY environment variable. If the service needs no key (a local Ollama or vLLM), set '"
				+ prefix + ".api-key-required=false'.");
	}

	/**
	 * Create the exception for a client that has both an API key and an OAuth2
	 * registration.
	 * @param prefix the property prefix of the client, such as {@code custom.llm}
	 * @return the exception
	 */
	static CustomLlmConfigurationException keyAndOAuth2(String prefix) {
		boolean named = !prefix.equals(CustomLlmProperties.PREFIX);
		String description = "The LLM client" + (named ? " '" + clientName(prefix) + "'" : "")
				+ " has both an API key ('" + prefix + ".api-key') and an OAuth2 registration ('" + prefix
				+ ".auth.oauth2.registration-id'): it would send one and silently drop the other.";
		return new CustomLlmConfigurationException(description,
				"Remove one of them: with '" + prefix + ".auth.oauth2.registration-id' the client sends the access"
						+ " token of that registration and needs no key."
						+ (named ? " A named client inherits 'custom.llm.api-key': set '" + prefix
								+ ".api-key' to an empty value to drop it." : ""));
	}

	/**
	 * Create the exception for a base URL that is absent: there is no default service.
	 * @param prefix the property prefix of the client, such as {@code custom.llm}
	 * @return the exception
	 */
	static CustomLlmConfigurationException missingBaseUrl(String prefix) {
		boolean named = !prefix.equals(CustomLlmProperties.PREFIX);
		String description = "No base URL is configured for the LLM service"
				+ (named ? " of client '" + clientName(prefix) + "'." : ".") + " There is no default service.";
		return new CustomLlmConfigurationException(description, "Set the '" + prefix + ".base-url' property"
				+ (named ? " (or 'custom.llm.base-url' for all clients)" : "")
				+ " or the CUSTOM_BASE_URL environment variable to the base URL of an OpenAI-compatible service,"
				+ " such as https://api.openai.com/v1 or http://localhost:11434/v1. To run without one, add the test kit"
				+ " (dev.customllm:custom-llm-test) and set 'custom.llm.simulator.enabled=true'.");
	}

	/**
	 * Create the exception for a property whose value cannot be used.
	 * @param prefix the property prefix of the client, such as {@code custom.llm}
	 * @param problem what is wrong with the value
	 * @return the exception
	 */
	static CustomLlmConfigurationException invalid(String prefix, String problem) {
		boolean named = !prefix.equals(CustomLlmProperties.PREFIX);
		return new CustomLlmConfigurationException("The LLM client configuration"
				+ (named ? " of named client '" + clientName(prefix) + "'" : "") + " is invalid: " + problem,
				"Correct the '" + prefix + ".*' properties.");
	}

	/**
	 * Create the exception for properties that a named client does not have.
	 * @param prefix the property prefix of the named client
	 * @param properties the properties
	 * @return the exception
	 */
	static CustomLlmConfigurationException notNamedClientProperties(String prefix,
			Set<ConfigurationProperty> properties) {
		String names = properties.stream()
			.map((property) -> "'" + property.getName() + "'"
					+ ((property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : ""))
			.sorted()
			.collect(Collectors.joining(", "));
		String description = "Named client '" + clientName(prefix) + "' sets " + names + ", which "
				+ ((properties.size() == 1) ? "is not a property" : "are not properties") + " of a named client.";
		return new CustomLlmConfigurationException(description, "Remove or rename "
				+ ((properties.size() == 1) ? "it" : "them")
				+ ". A named client takes every custom.llm.* property except 'enabled' (custom.llm.enabled switches"
				+ " all clients on or off), 'simulator' (custom.llm.simulator.* is offline mode for all clients)"
				+ ", 'clients' (named clients are not nested: declare each one as custom.llm.clients.<name>)"
				+ " and 'routes' (routes are declared once, as custom.llm.routes.<route>).");
	}

	private static String clientName(String prefix) {
		return prefix.substring(prefix.lastIndexOf('.') + 1);
	}

	/**
	 * Return what to do about the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
