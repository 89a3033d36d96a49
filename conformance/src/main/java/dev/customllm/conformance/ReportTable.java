package dev.customllm.conformance;

import java.util.List;

/**
 * Renders findings as a Markdown table that reads well in a terminal and pastes into an
 * issue.
 */
final class ReportTable {

	private static final String[] HEADERS = { "capability", "supported", "observed", "what the starter does" };

	private ReportTable() {
	}

	static String render(String baseUrl, List<Finding> findings) {
		List<String[]> rows = findings.stream()
			.map((finding) -> new String[] { finding.capability(), finding.support().name().toLowerCase(),
					finding.observed(), finding.starter() })
			.toList();
		int[] widths = widths(rows);
		StringBuilder table = new StringBuilder("Conformance of ").append(baseUrl).append("\n\n");
		line(table, HEADERS, widths);
		line(table, dashes(widths), widths);
		rows.forEach((row) -> line(table, row, widths));
		return table.toString();
	}

	private static int[] widths(List<String[]> rows) {
		int[] widths = new int[HEADERS.length];
		for (int i = 0; i < HEADERS.length; i++) {
			widths[i] = HEADERS[i].length();
			for (String[] row : rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		return widths;
	}

	private static String[] dashes(int[] widths) {
		String[] dashes = new String[widths.length];
		for (int i = 0; i < widths.length; i++) {
			dashes[i] = "-".repeat(widths[i]);
		}
		return dashes;
	}

	private static void line(StringBuilder table, String[] cells, int[] widths) {
		table.append('|');
		for (int i = 0; i < cells.length; i++) {
			String cell = cells[i].replace("|", "\\|");
			table.append(' ').append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length()))).append(" |");
		}
		table.append('\n');
	}

}
