package dev.customllm.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code docs/configuration.md} lists every {@code custom.llm.*} property of
 * the generated configuration metadata, with its default.
 */
class ConfigurationDocsTests {

	private static final String METADATA = "autoconfigure/target/classes/META-INF/spring-configuration-metadata.json";

	private static final String CLIENTS = "custom.llm.clients";

	private final Path root = DocsPages.repositoryRoot();

	@Test
	void everyPropertyHasATableRowWithItsDefault() throws IOException {
		List<List<String>> rows = tableRows(this.root.resolve("docs/configuration.md"));
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("custom.llm.") || name.equals(CLIENTS) || name.startsWith(CLIENTS + ".")) {
				continue;
			}
			checked++;
			boolean map = property.path("type").asString().startsWith("java.util.Map<");
			List<String> row = rows.stream()
				.filter((cells) -> documents(cells.get(0), name, map))
				.findFirst()
				.orElse(null);
			if (row == null) {
				problems.add(name + ": no table row");
			}
			else if (property.has("defaultValue")
					&& !unquoted(row.get(1)).equals(property.get("defaultValue").asString())) {
				problems.add(name + ": default is " + property.get("defaultValue").asString() + ", the row says "
						+ row.get(1));
			}
		}
		assertThat(checked).as("properties in the metadata").isGreaterThan(20);
		assertThat(problems).isEmpty();
	}

	private JsonNode metadata() throws IOException {
		Path metadata = this.root.resolve(METADATA);
		assertThat(metadata).as("generated configuration metadata").isRegularFile();
		return JsonMapper.builder().build().readTree(Files.readString(metadata));
	}

	/**
	 * Return the cells of every table row with at least two cells, header rows included.
	 */
	private static List<List<String>> tableRows(Path page) {
		return DocsPages.lines(page)
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("|") && line.endsWith("|"))
			.map((line) -> Arrays.stream(line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1))
				.map(String::strip)
				.toList())
			.filter((cells) -> cells.size() >= 2)
			.toList();
	}

	/**
	 * Return whether the first cell of a row names a property: exactly, or as a pattern
	 * ({@code name.*}, {@code name.<key>}) for a map.
	 */
	private static boolean documents(String cell, String name, boolean map) {
		String documented = unquoted(cell);
		return documented.equals(name)
				|| (map && (documented.equals(name + ".*") || documented.startsWith(name + ".<")));
	}

	private static String unquoted(String cell) {
		return cell.replace("`", "").strip();
	}

}
