package dev.customllm.internal.completion;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThinkTagSplitter}: each text fed whole, and in two and three pieces
 * split at every place, splits the same.
 *
 * @author Custom LLM team
 */
class ThinkTagSplitterTests {

	@Test
	void splitsALeadingThinkTagIntoReasoningAndDropsTheBlanksAroundIt() {
		assertSplits("<think>\nPlan: be brief.\n</think>\n\nHello!", "Plan: be brief.", "Hello!");
		assertSplits("  \n<think>a < b </thin k> <think></think>x", "a < b </thin k> <think>", "x");
		assertSplits("<think>\n\n</think>\n\nNo thinking today.", "", "No thinking today.");
	}

	@Test
	void leavesTextThatDoesNotStartWithAThinkTagAsItIs() {
		assertSplits("Hello <think>not a tag here</think>", "", "Hello <think>not a tag here</think>");
		assertSplits("<thinking>x</thinking>", "", "<thinking>x</thinking>");
		assertSplits("<thi", "", "<thi");
		assertSplits("  ", "", "  ");
		assertSplits("", "", "");
	}

	@Test
	void takesAThinkTagNeverClosedForReasoningToTheEnd() {
		assertSplits("<think>cut off by max_tokens </th", "cut off by max_tokens </th", "");
		assertSplits("<think>", "", "");
	}

	private static void assertSplits(String text, String reasoning, String answer) {
		assertThat(ThinkTagSplitter.split(text)).as(text).isEqualTo(new ThinkTagSplitter.Split(reasoning, answer));
		for (int i = 0; i <= text.length(); i++) {
			for (int j = i; j <= text.length(); j++) {
				List<String> pieces = List.of(text.substring(0, i), text.substring(i, j), text.substring(j));
				assertThat(feed(pieces)).as(pieces.toString()).isEqualTo(new ThinkTagSplitter.Split(reasoning, answer));
			}
		}
	}

	private static ThinkTagSplitter.Split feed(List<String> pieces) {
		ThinkTagSplitter splitter = new ThinkTagSplitter();
		List<ThinkTagSplitter.Split> splits = new ArrayList<>();
		pieces.forEach((piece) -> splits.add(splitter.feed(piece)));
		splits.add(splitter.finish());
		return new ThinkTagSplitter.Split(
				String.join("", splits.stream().map(ThinkTagSplitter.Split::reasoning).toList()),
				String.join("", splits.stream().map(ThinkTagSplitter.Split::text).toList()));
	}

}
