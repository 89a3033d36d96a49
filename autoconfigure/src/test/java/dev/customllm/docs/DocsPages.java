package dev.customllm.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documentation pages of the repository: README.md and every {@code docs/*.md}.
 */
final class DocsPages {

	private DocsPages() {
	}

	/**
	 * Return the root of the repository: the nearest folder, from the working directory
	 * up, that holds {@code mvnw}.
	 * @return the repository root
	 */
	static Path repositoryRoot() {
		Path folder = Path.of("").toAbsolutePath();
		while (folder != null && !Files.isRegularFile(folder.resolve("mvnw"))) {
			folder = folder.getParent();
		}
		if (folder == null) {
			throw new IllegalStateException("No folder holding mvnw above " + Path.of("").toAbsolutePath());
		}
		return folder;
	}

	/**
	 * Return README.md and the pages of {@code docs/}, sorted.
	 * @param root the repository root
	 * @return the pages
	 */
	static List<Path> pages(Path root) {
		List<Path> pages = new ArrayList<>();
		pages.add(root.resolve("README.md"));
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			docs.filter((path) -> path.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pages;
	}

	/**
	 * Return the lines of a page.
	 * @param page the page
	 * @return its lines
	 */
	static List<String> lines(Path page) {
		try {
			return Files.readAllLines(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return whether a line opens or closes a fenced code block.
	 * @param line the line
	 * @return whether it is a fence
	 */
	static boolean isFence(String line) {
		return line.stripLeading().startsWith("```");
	}

}
