package dev.customllm.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every public type of the client's API says since which version it exists, so
 * that users can tell what they may rely on.
 */
class SinceTagTests {

	private static final Pattern PUBLIC_TYPE = Pattern.compile(
			"(?s)/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public (?:final |abstract |sealed |non-sealed )*(?:class|interface|record|enum|@interface) ");

	@Test
	void everyPublicApiTypeHasASinceTag() throws IOException {
		Path sources = Path.of("src/main/java/dev/customllm");
		List<String> missing;
		try (Stream<Path> files = Files.walk(sources)) {
			missing = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.toString().contains("/internal/"))
				.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
				.filter(SinceTagTests::declaresPublicTypeWithoutSince)
				.map(Path::toString)
				.toList();
		}
		assertThat(missing).as("public API types without @since").isEmpty();
	}

	private static boolean declaresPublicTypeWithoutSince(Path file) {
		try {
			String source = Files.readString(file);
			var matcher = PUBLIC_TYPE.matcher(source);
			return source.contains("\npublic ") && (!matcher.find() || !matcher.group(1).contains("@since"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
