package dev.customllm.agent;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.customllm.completion.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Tools}, {@link Tool#of} and the generated schemas.
 *
 * @author Custom LLM team
 */
class ToolsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Tool> tools = Tools.fromAnnotated(new Library());

	private final ToolRunner runner = new ToolRunner(
			java.util.Map.of("find_books", this.tools.get(0), "shelve", this.tools.get(1)));

	@Test
	void turnsAnnotatedMethodsIntoToolsWithGeneratedSchemas() {
		assertThat(this.tools).extracting(Tool::name).containsExactly("find_books", "shelve");
		assertThat(this.tools.get(0).description()).isEqualTo("Find books by author");
		assertThat(this.tools.get(0).parameters()).isEqualTo(json.readTree("""
				{"type":"object","properties":{
				 "author":{"type":"string","description":"the author's last name"},
				 "limit":{"type":"integer"},
				 "genre":{"type":"string","enum":["NOVEL","POETRY"]}},
				 "required":["author","limit"],"additionalProperties":false}"""));
		assertThat(this.tools.get(1).parameters()).isEqualTo(json.readTree("""
				{"type":"object","properties":{"book":{"type":"object","properties":{
				  "title":{"type":"string","description":"full title"},
				  "pages":{"type":"integer"},
				  "subtitle":{"type":"string"}},
				  "required":["pages","title"],"additionalProperties":false}},
				 "required":["book"],"additionalProperties":false}"""));
	}

	@Test
	void callsAnnotatedMethodsWithTypedArguments() {
		assertThat(call("find_books", "{\"author\":\"Woolf\",\"limit\":2,\"genre\":\"NOVEL\"}"))
			.isEqualTo("[\"Woolf 1 NOVEL\",\"Woolf 2 NOVEL\"]");
		assertThat(call("find_books", "{\"author\":\"Woolf\",\"limit\":1}")).isEqualTo("[\"Woolf 1 any\"]");
		assertThat(call("shelve", "{\"book\":{\"title\":\"Orlando\",\"pages\":300}}"))
			.isEqualTo("{\"shelf\":\"O\",\"pages\":300}");
	}

	@Test
	void anOptionalArgumentGivenAsNullIsAbsent() {
		assertThat(call("find_books", "{\"author\":\"Woolf\",\"limit\":1,\"genre\":null}"))
			.isEqualTo("[\"Woolf 1 any\"]");
	}

	@Test
	void reportsArgumentsThatDoNotFitAsErrors() {
		assertThat(call("find_books", "{\"author\":\"Woolf\",\"limit\":\"two\"}")).contains("error",
				"$.limit: expected integer, got a string");
		assertThat(call("find_books", "{\"author\":\"Woolf\",\"limit\":1,\"genre\":\"DRAMA\"}")).contains("error",
				"$.genre: ", "DRAMA\\\" is not one of [");
		assertThat(call("shelve", "{\"book\":{\"title\":\"Orlando\"}}")).contains("error",
				"$.book: missing required property 'pages'");
	}

	@Test
	void generatesTheSchemaOfARecordForFunctionTools() throws Exception {
		Tool tool = Tool.of("lookup", "Look up", Library.Book.class, Library.Book::title);
		assertThat(tool.parameters().path("required")).isEqualTo(json.readTree("[\"pages\",\"title\"]"));
		assertThat(tool.call(json.readTree("{\"title\":\"Orlando\",\"pages\":1}"))).isEqualTo("Orlando");
	}

	@Test
	void rejectsBeansWithoutToolsAndInvalidNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> Tools.fromAnnotated(new Object()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Tool.of("no spaces", "x", Library.Book.class, Library.Book::title));
	}

	private String call(String name, String arguments) {
		return this.runner.execute(new ToolCall("c", name, arguments));
	}

	static class Library {

		@LlmTool(name = "find_books", description = "Find books by author")
		List<String> find(@LlmToolParam(description = "the author's last name") String author, int limit,
				Optional<Genre> genre) {
			return java.util.stream.IntStream.rangeClosed(1, limit)
				.mapToObj((i) -> author + " " + i + " " + genre.map(Genre::name).orElse("any"))
				.toList();
		}

		@LlmTool(description = "Put a book on its shelf")
		Shelved shelve(Book book) {
			return new Shelved(book.title().substring(0, 1), book.pages());
		}

		void notATool() {
		}

		enum Genre {

			NOVEL, POETRY

		}

		record Book(@JsonPropertyDescription("full title") String title, int pages, @Nullable String subtitle) {

		}

		record Shelved(String shelf, int pages) {

		}

	}

}
