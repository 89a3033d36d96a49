package dev.customllm.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the documentation shows code that compiles, and links that lead somewhere:
 * every {@code java} block of README.md and {@code docs/*.md} appears in a test source
 * under a {@code docs} package or in the sample application, and every relative link
 * points to an existing file and heading.
 */
class DocsSnippetsTests {

	private static final Pattern SNIPPET_SOURCE = Pattern
		.compile("(.+/)?src/test/java/(.+/)?docs/.+\\.java|sample-app/src/main/java/.+\\.java");

	private static final Pattern ELISION = Pattern.compile("\\s*(//\\s*)?\\.\\.\\.\\s*");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern INLINE_CODE = Pattern.compile("``.*?``|`[^`]*`");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.+?)\\s*#*\\s*");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

	private final Path root = DocsPages.repositoryRoot();

	@Test
	void everyJavaBlockAppearsInCompiledSources() throws IOException {
		List<String> sources = snippetSources();
		List<String> unpinned = new ArrayList<>();
		int blocks = 0;
		for (Path page : DocsPages.pages(this.root)) {
			for (JavaBlock block : javaBlocks(page)) {
				blocks++;
				if (sources.stream().noneMatch(block::isIn)) {
					unpinned.add(block.location() + "\n" + block.text());
				}
			}
		}
		assertThat(blocks).as("java blocks in the docs").isPositive();
		assertThat(unpinned).as("java blocks found in no snippet source (compared without whitespace)").isEmpty();
	}

	@Test
	void everyRelativeLinkPointsToAnExistingFileAndAnchor() {
		List<String> broken = new ArrayList<>();
		for (Path page : DocsPages.pages(this.root)) {
			List<String> lines = DocsPages.lines(page);
			for (int i = 0; i < lines.size(); i++) {
				for (String target : links(lines, i)) {
					String problem = problem(page, target);
					if (problem != null) {
						broken.add(this.root.relativize(page) + ":" + (i + 1) + " " + target + ": " + problem);
					}
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	private List<String> snippetSources() throws IOException {
		try (Stream<Path> files = Files.walk(this.root)) {
			List<Path> sources = files.filter(Files::isRegularFile)
				.filter((file) -> SNIPPET_SOURCE.matcher(relative(file)).matches())
				.filter((file) -> !relative(file).contains("/target/"))
				.toList();
			List<String> contents = new ArrayList<>();
			for (Path source : sources) {
				contents.add(withoutWhitespace(Files.readString(source)));
			}
			return contents;
		}
	}

	private String relative(Path file) {
		return this.root.relativize(file).toString().replace('\\', '/');
	}

	private List<JavaBlock> javaBlocks(Path page) {
		List<String> lines = DocsPages.lines(page);
		List<JavaBlock> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!DocsPages.isFence(lines.get(i))) {
				continue;
			}
			int end = closingFence(lines, i);
			boolean java = lines.get(i).strip().equals("```java");
			if (java) {
				blocks.add(new JavaBlock(relative(page) + ":" + (i + 1), lines.subList(i + 1, end)));
			}
			i = end;
		}
		return blocks;
	}

	private static int closingFence(List<String> lines, int opening) {
		for (int i = opening + 1; i < lines.size(); i++) {
			if (DocsPages.isFence(lines.get(i))) {
				return i;
			}
		}
		throw new IllegalStateException("Unclosed code block at line " + (opening + 1));
	}

	private static List<String> links(List<String> lines, int index) {
		if (insideFence(lines, index)) {
			return List.of();
		}
		Matcher matcher = LINK.matcher(INLINE_CODE.matcher(lines.get(index)).replaceAll(""));
		List<String> targets = new ArrayList<>();
		while (matcher.find()) {
			targets.add(matcher.group(1));
		}
		return targets;
	}

	private static boolean insideFence(List<String> lines, int index) {
		boolean inside = false;
		for (int i = 0; i <= index; i++) {
			if (DocsPages.isFence(lines.get(i))) {
				inside = !inside;
			}
		}
		return inside || DocsPages.isFence(lines.get(index));
	}

	private String problem(Path page, String target) {
		if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!resolved.startsWith(this.root) || !Files.exists(resolved)) {
			return "no such file";
		}
		if (hash < 0 || !resolved.toString().endsWith(".md")) {
			return null;
		}
		String anchor = target.substring(hash + 1);
		return anchors(resolved).contains(anchor) ? null : "no such anchor in " + relative(resolved);
	}

	/**
	 * Return the anchors of a page as GitHub makes them: each heading lower-cased,
	 * without punctuation, spaces as hyphens, repeated ones numbered; plus explicit HTML
	 * anchors.
	 */
	private static Set<String> anchors(Path page) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		List<String> lines = DocsPages.lines(page);
		boolean inside = false;
		for (String line : lines) {
			if (DocsPages.isFence(line)) {
				inside = !inside;
				continue;
			}
			if (inside) {
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
			Matcher html = HTML_ANCHOR.matcher(line);
			while (html.find()) {
				anchors.add(html.group(1));
			}
		}
		return anchors;
	}

	private static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static String withoutWhitespace(String text) {
		return WHITESPACE.matcher(text).replaceAll("");
	}

	/**
	 * A {@code java} block of a page. Lines that are only {@code ...} or {@code // ...}
	 * stand for code left out: the parts between them must appear in this order in one
	 * source file.
	 */
	private record JavaBlock(String location, List<String> lines) {

		String text() {
			return String.join("\n", this.lines);
		}

		boolean isIn(String source) {
			int from = 0;
			for (String part : parts()) {
				int found = source.indexOf(part, from);
				if (found < 0) {
					return false;
				}
				from = found + part.length();
			}
			return true;
		}

		private List<String> parts() {
			List<String> parts = new ArrayList<>();
			StringBuilder part = new StringBuilder();
			for (String line : this.lines) {
				if (ELISION.matcher(line).matches()) {
					parts.add(withoutWhitespace(part.toString()));
					part.setLength(0);
				}
				else {
					part.append(line);
				}
			}
			parts.add(withoutWhitespace(part.toString()));
			return parts.stream().filter((text) -> !text.isEmpty()).toList();
		}

	}

}
