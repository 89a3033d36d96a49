package dev.customllm.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published POM carries what Maven Central requires (name, description, url,
 * licenses, developers, scm), published modules without code still get sources and
 * javadoc jars, and what is not published is not deployed. The release itself is
 * rehearsed by {@code .ci/release-dry-run} (CONTRIBUTING.md, "Releasing").
 */
class ReleaseMetadataTests {

	private static final List<String> UNPUBLISHED = List.of("sample-app", "benchmarks");

	private static final List<String> CENTRAL_REQUIRED = List.of("url", "licenses/license/name", "licenses/license/url",
			"developers/developer/name", "scm/connection", "scm/developerConnection", "scm/url");

	private final Path root = repositoryRoot();

	private final XPath xpath = XPathFactory.newInstance().newXPath();

	@Test
	void theParentAndTheBomCarryWhatMavenCentralRequiresAndAgree() throws Exception {
		Document parent = pom(this.root.resolve("pom.xml"));
		Document bom = pom(this.root.resolve("bom/pom.xml"));
		for (String element : CENTRAL_REQUIRED) {
			assertThat(value(parent, element)).as("parent " + element).isNotBlank();
			assertThat(value(bom, element)).as("bom " + element).isEqualTo(value(parent, element));
		}
		assertThat(value(parent, "url")).as("not Spring Boot's").isNotEqualTo("https://spring.io/projects/spring-boot");
		assertThat(value(parent, "@child.project.url.inherit.append.path")).isEqualTo("false");
		assertThat(Files.readString(this.root.resolve("jreleaser.yml"))).contains(value(parent, "url"));
		assertThat(this.root.resolve("LICENSE")).exists();
	}

	@Test
	void everyPublishedModuleHasItsOwnNameAndDescription() throws Exception {
		List<String> modules = modules();
		assertThat(modules).contains("client", "starter");
		for (String module : modules) {
			Document pom = pom(this.root.resolve(module).resolve("pom.xml"));
			assertThat(value(pom, "name")).as(module + " name").isNotBlank();
			assertThat(value(pom, "description")).as(module + " description").isNotBlank();
		}
	}

	@Test
	void modulesWithoutCodeStillGetSourcesAndJavadocJars() throws Exception {
		for (String module : modules()) {
			Path directory = this.root.resolve(module);
			Document pom = pom(directory.resolve("pom.xml"));
			boolean jar = value(pom, "packaging").isEmpty();
			if (jar && !Files.isDirectory(directory.resolve("src/main/java"))) {
				assertThat(value(pom, "properties/release.empty-jars.phase")).as(module).isEqualTo("package");
			}
		}
	}

	@Test
	void unpublishedModulesAreNotDeployed() throws Exception {
		for (String module : UNPUBLISHED) {
			Document pom = pom(this.root.resolve(module).resolve("pom.xml"));
			assertThat(value(pom, "properties/maven.deploy.skip")).as(module).isEqualTo("true");
		}
	}

	private List<String> modules() throws Exception {
		Document parent = pom(this.root.resolve("pom.xml"));
		int count = Integer.parseInt(this.xpath.evaluate("count(/project/modules/module)", parent));
		List<String> modules = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String module = this.xpath.evaluate("/project/modules/module[" + i + "]", parent);
			if (!UNPUBLISHED.contains(module)) {
				modules.add(module);
			}
		}
		return modules;
	}

	private String value(Document pom, String path) throws XPathExpressionException {
		return this.xpath.evaluate("/project/" + path, pom).strip();
	}

	private static Document pom(Path file) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(file.toFile());
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
