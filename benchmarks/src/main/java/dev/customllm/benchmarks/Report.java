package dev.customllm.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The results of a run, as a Markdown table: one row per measured figure, the library
 * beside the baseline, their ratio, the target and whether it was met.
 *
 * @author Custom LLM team
 */
final class Report {

	private final List<String> rows = new ArrayList<>();

	private final PrintStream out;

	Report(PrintStream out) {
		this.out = out;
	}

	/**
	 * Add a figure measured for both contenders, with a target on their ratio (library ÷
	 * baseline), or none.
	 * @param scenario the scenario
	 * @param figure what was measured, with its unit
	 * @param library the library's value
	 * @param baseline the baseline's value
	 * @param maxRatio the highest acceptable ratio, or {@code null} for no target
	 */
	void ratio(String scenario, String figure, double library, double baseline, @Nullable Double maxRatio) {
		double ratio = library / baseline;
		String target = (maxRatio != null) ? "≤ " + format(maxRatio) + "×" : "";
		add(scenario, figure, format(library), format(baseline), format(ratio) + "×", target,
				(maxRatio != null) ? ratio <= maxRatio : null);
	}

	/**
	 * Add a figure with a target of its own.
	 * @param scenario the scenario
	 * @param figure what was measured, with its unit
	 * @param library the library's value
	 * @param baseline the baseline's value, or {@code null} when there is none
	 * @param target the target, as text
	 * @param met whether the target was met
	 */
	void absolute(String scenario, String figure, String library, @Nullable String baseline, String target,
			@Nullable Boolean met) {
		add(scenario, figure, library, (baseline != null) ? baseline : "", "", target, met);
	}

	private void add(String scenario, String figure, String library, String baseline, String ratio, String target,
			@Nullable Boolean met) {
		String row = "| " + String.join(" | ", scenario, figure, library, baseline, ratio, target,
				(met == null) ? "" : (met ? "yes" : "**no**")) + " |";
		this.rows.add(row);
		this.out.println("  " + row);
	}

	/**
	 * Print the whole table.
	 */
	void print() {
		this.out.println();
		this.out.println("| scenario | figure | library | baseline | ratio | target | met? |");
		this.out.println("| --- | --- | ---: | ---: | ---: | --- | --- |");
		this.rows.forEach(this.out::println);
	}

	/**
	 * Format a number with three significant digits or at least one decimal.
	 * @param value the number
	 * @return the text
	 */
	static String format(double value) {
		double magnitude = Math.abs(value);
		String pattern = (magnitude >= 100) ? "%.0f" : (magnitude >= 10) ? "%.1f" : "%.2f";
		return String.format(Locale.ROOT, pattern, value);
	}

}
