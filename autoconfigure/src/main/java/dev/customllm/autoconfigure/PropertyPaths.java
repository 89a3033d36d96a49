package dev.customllm.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the name of a client builder setting in a validation message
 * ({@code connectTimeout must be positive}) into the property that sets it
 * ({@code 'custom.llm.clients.zone-a.connect-timeout' must be positive}), so that a
 * start-up failure names what to correct in the configuration.
 *
 * @author Custom LLM team
 */
final class PropertyPaths {

	/**
	 * The property paths under a client's prefix, by the Java name of their last part.
	 */
	private static final Map<String, List<String>> PATHS = collect();

	private PropertyPaths() {
	}

	/**
	 * Return a message of the client builder with the setting it starts with replaced by
	 * the property (or properties) that set it.
	 * @param prefix the property prefix of the client
	 * @param message the message, such as {@code connectTimeout must be positive}
	 * @return the message naming the property, or the message as it was when it names no
	 * known setting
	 */
	static String name(String prefix, String message) {
		int space = message.indexOf(' ');
		List<String> paths = (space > 0) ? PATHS.get(message.substring(0, space)) : null;
		if (paths == null) {
			return message;
		}
		String properties = paths.stream()
			.map((path) -> "'" + prefix + "." + path + "'")
			.collect(Collectors.joining(" or "));
		return properties + message.substring(space);
	}

	private static Map<String, List<String>> collect() {
		Map<String, List<String>> paths = new LinkedHashMap<>();
		collect(CustomLlmClientProperties.class, "", paths, 0);
		return paths;
	}

	private static void collect(Class<?> type, String path, Map<String, List<String>> paths, int depth) {
		for (Method method : type.getMethods()) {
			String name = method.getName();
			if (!name.startsWith("get") || name.length() == 3 || method.getParameterCount() != 0
					|| Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
				continue;
			}
			String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
			String kebab = path + kebab(property);
			Class<?> value = method.getReturnType();
			if (value.getEnclosingClass() != null
					&& value.getName().startsWith(CustomLlmClientProperties.class.getName() + "$") && !value.isEnum()
					&& depth < 3) {
				collect(value, kebab + ".", paths, depth + 1);
			}
			else {
				paths.computeIfAbsent(property, (key) -> new ArrayList<>()).add(kebab);
			}
		}
	}

	private static String kebab(String camel) {
		StringBuilder kebab = new StringBuilder(camel.length() + 4);
		for (int i = 0; i < camel.length(); i++) {
			char c = camel.charAt(i);
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString().toLowerCase(Locale.ROOT);
	}

}
