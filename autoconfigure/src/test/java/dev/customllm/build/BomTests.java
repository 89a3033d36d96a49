package dev.customllm.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM lets a user import once and write no versions: it lists every published
 * artifact of the build, at the build's version, and nothing else (Bucket4j and Lettuce
 * come with {@code custom-llm-redis}).
 */
class BomTests {

	private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

	private final Path root = repositoryRoot();

	@Test
	void listsEveryPublishedModuleAtTheBuildVersion() throws IOException {
		String bom = Files.readString(this.root.resolve("bom/pom.xml"));
		String parent = Files.readString(this.root.resolve("pom.xml"));
		List<String> published = new ArrayList<>();
		Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
		while (modules.find()) {
			String module = modules.group(1);
			if (!module.equals("bom") && !module.equals("sample-app") && !module.equals("benchmarks")) {
				published.add(ownArtifactId(Files.readString(this.root.resolve(module).resolve("pom.xml"))));
			}
		}
		assertThat(published).isNotEmpty().allSatisfy((artifact) -> assertThat(bom).contains(artifact));
		assertThat(value(bom, "custom-llm.version")).isEqualTo(version(parent));
	}

	@Test
	void managesOnlyTheProjectsOwnArtifacts() throws IOException {
		String bom = Files.readString(this.root.resolve("bom/pom.xml"));
		Matcher groups = Pattern.compile("<groupId>([^<]+)</groupId>").matcher(bom);
		List<String> managed = new ArrayList<>();
		while (groups.find()) {
			managed.add(groups.group(1));
		}
		assertThat(managed).isNotEmpty().containsOnly("dev.customllm");
		assertThat(bom).contains("<artifactId>custom-llm-redis</artifactId>")
			.contains("<artifactId>custom-llm-spring-boot-starter-redis</artifactId>")
			.doesNotContain("bucket4j");
	}

	private static String ownArtifactId(String pom) {
		// the first artifactId after the parent block is the module's own
		String afterParent = pom.substring(pom.indexOf("</parent>"));
		Matcher matcher = ARTIFACT.matcher(afterParent);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String version(String parentPom) {
		String afterParent = parentPom.substring(parentPom.indexOf("</parent>"));
		Matcher matcher = Pattern.compile("<version>([^<]+)</version>").matcher(afterParent);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String value(String pom, String property) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
		assertThat(matcher.find()).as(property).isTrue();
		return matcher.group(1);
	}

	private static Path repositoryRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		assertThat(directory).as("repository root").isNotNull();
		return directory;
	}

}
