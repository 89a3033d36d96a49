package dev.customllm.springai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CustomLlmChatOptions}.
 */
class CustomLlmChatOptionsTests {

	private static final ToolCallback TOOL = FunctionToolCallback.builder("clock", () -> "noon")
		.description("The time")
		.inputType(Void.class)
		.build();

	private static final ToolCallback OTHER_TOOL = FunctionToolCallback.builder("calendar", () -> "Monday")
		.description("The day")
		.inputType(Void.class)
		.build();

	private final CustomLlmChatOptions full = CustomLlmChatOptions.builder()
		.model("qwen3")
		.frequencyPenalty(0.1)
		.maxTokens(100)
		.presencePenalty(0.2)
		.stopSequences(List.of("END"))
		.temperature(0.3)
		.topK(5)
		.topP(0.9)
		.toolCallbacks(List.of(TOOL))
		.toolContext(Map.of("user", "ada"))
		.outputSchema("{\"type\": \"object\"}")
		.build();

	@Test
	void mutateKeepsTheTypeAndEveryValue() {
		CustomLlmChatOptions copy = this.full.mutate().build();
		assertThat(copy).isNotSameAs(this.full).isEqualTo(this.full).hasSameHashCodeAs(this.full);
		assertEveryValue(copy);
	}

	@Test
	void mutatedThroughSpringAisInterfacesKeepsTheType() {
		ToolCallingChatOptions.Builder<?> asTools = this.full.mutate();
		StructuredOutputChatOptions.Builder<?> asStructured = this.full.mutate();
		ChatOptions.Builder<?> asPlain = this.full.mutate();
		assertThat(asTools.build()).isInstanceOf(CustomLlmChatOptions.class);
		assertThat(asStructured.outputSchema("{}").build()).isInstanceOf(CustomLlmChatOptions.class);
		assertThat(asPlain.build()).isInstanceOf(CustomLlmChatOptions.class);
	}

	@Test
	void optionsThatDifferInTheOutputSchemaAreNotEqual() {
		assertThat(this.full.mutate().outputSchema(null).build()).isNotEqualTo(this.full);
	}

	@Test
	void combinedWithPlainOptionsTakesTheirValuesAndKeepsTheType() {
		CustomLlmChatOptions combined = this.full.mutate()
			.combineWith(ChatOptions.builder().temperature(0.7).stopSequences(List.of("STOP")))
			.build();
		assertThat(combined.getTemperature()).isEqualTo(0.7);
		assertThat(combined.getStopSequences()).containsExactly("END", "STOP");
		assertThat(combined.getOutputSchema()).isEqualTo("{\"type\": \"object\"}");
		assertThat(combined.getModel()).isEqualTo("qwen3");
	}

	@Test
	void combinedWithToolCallingOptionsAddsTheirTools() {
		CustomLlmChatOptions combined = this.full.mutate()
			.combineWith(ToolCallingChatOptions.builder().toolCallbacks(OTHER_TOOL).toolContext("tenant", "t1"))
			.build();
		assertThat(combined.getToolCallbacks()).containsExactly(TOOL, OTHER_TOOL);
		assertThat(combined.getToolContext()).containsEntry("user", "ada").containsEntry("tenant", "t1");
	}

	@Test
	void combinedWithStructuredOutputOptionsTakesTheirSchema() {
		assertThat(CustomLlmChatOptions.builder()
			.combineWith(StructuredOutputChatOptions.builder().outputSchema("{\"type\": \"string\"}"))
			.build()
			.getOutputSchema()).isEqualTo("{\"type\": \"string\"}");
		assertThat(CustomLlmChatOptions.builder()
			.combineWith(CustomLlmChatOptions.builder().outputSchema("{}"))
			.build()
			.getOutputSchema()).isEqualTo("{}");
		assertThat(this.full.mutate().combineWith(CustomLlmChatOptions.builder()).build().getOutputSchema())
			.isEqualTo("{\"type\": \"object\"}");
	}

	@Test
	void fromCopiesEveryValueOfOtherOptions() {
		ToolCallingChatOptions tools = ToolCallingChatOptions.builder()
			.model("qwen3")
			.frequencyPenalty(0.1)
			.maxTokens(100)
			.presencePenalty(0.2)
			.stopSequences(List.of("END"))
			.temperature(0.3)
			.topK(5)
			.topP(0.9)
			.toolCallbacks(List.of(TOOL))
			.toolContext(Map.of("user", "ada"))
			.build();
		CustomLlmChatOptions copy = CustomLlmChatOptions.from(tools);
		assertThat(copy).isEqualTo(this.full.mutate().outputSchema(null).build());
		assertThat(CustomLlmChatOptions.from(StructuredOutputChatOptions.builder().outputSchema("{}").build())
			.getOutputSchema()).isEqualTo("{}");
		assertThat(CustomLlmChatOptions.from(this.full)).isSameAs(this.full);
	}

	private static void assertEveryValue(CustomLlmChatOptions options) {
		assertThat(options.getModel()).isEqualTo("qwen3");
		assertThat(options.getFrequencyPenalty()).isEqualTo(0.1);
		assertThat(options.getMaxTokens()).isEqualTo(100);
		assertThat(options.getPresencePenalty()).isEqualTo(0.2);
		assertThat(options.getStopSequences()).containsExactly("END");
		assertThat(options.getTemperature()).isEqualTo(0.3);
		assertThat(options.getTopK()).isEqualTo(5);
		assertThat(options.getTopP()).isEqualTo(0.9);
		assertThat(options.getToolCallbacks()).containsExactly(TOOL);
		assertThat(options.getToolContext()).containsExactly(Map.entry("user", "ada"));
		assertThat(options.getOutputSchema()).isEqualTo("{\"type\": \"object\"}");
	}

}
