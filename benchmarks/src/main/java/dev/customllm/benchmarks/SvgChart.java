package dev.customllm.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small SVG line chart of a few panels side by side, one line per contender, the sizes
 * of the work evenly spaced along the x axis (each ten or four times the last, so that
 * the axis reads as logarithmic), each panel's y axis from zero. Also printed as a
 * Markdown table, so that the figures can be read without the picture.
 *
 * @author Custom LLM team
 */
final class SvgChart {

	private static final String[] COLORS = { "#d62728", "#1f77b4", "#7f7f7f" };

	private static final int WIDTH = 300;

	private static final int HEIGHT = 230;

	private static final int LEFT = 50;

	private static final int TOP = 50;

	private static final int PLOT_WIDTH = 220;

	private static final int PLOT_HEIGHT = 130;

	private final String title;

	private final String[] labels;

	private final List<Panel> panels = new ArrayList<>();

	SvgChart(String title, String[] labels) {
		this.title = title;
		this.labels = labels;
	}

	Panel panel(String title) {
		Panel panel = new Panel(title);
		this.panels.add(panel);
		return panel;
	}

	String svg() {
		StringBuilder svg = new StringBuilder();
		int width = WIDTH * this.panels.size();
		svg.append(format(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
						+ "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
				width, HEIGHT + 20, width, HEIGHT + 20));
		svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, HEIGHT + 20));
		svg.append(format("<text x=\"10\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
				escape(this.title)));
		for (int i = 0; i < this.panels.size(); i++) {
			this.panels.get(i).draw(svg, i * WIDTH);
		}
		legend(svg);
		svg.append("</svg>\n");
		return svg.toString();
	}

	private void legend(StringBuilder svg) {
		int x = 10;
		int index = 0;
		for (String name : this.panels.get(0).series.keySet()) {
			String color = COLORS[index++ % COLORS.length];
			svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", x,
					HEIGHT + 8, x + 20, HEIGHT + 8, color, dash(name)));
			svg.append(format("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 25, HEIGHT + 12, escape(name)));
			x += 40 + 7 * name.length();
		}
	}

	/**
	 * Return the figures as a Markdown table.
	 * @param unit what the sizes count
	 * @return the table
	 */
	String markdown(String unit) {
		StringBuilder table = new StringBuilder("| " + this.title + " | ");
		table.append(unit).append(" → | ").append(String.join(" | ", this.labels)).append(" |\n| --- | --- |");
		table.append(" ---: |".repeat(this.labels.length)).append('\n');
		for (Panel panel : this.panels) {
			panel.series.forEach((name, values) -> {
				table.append("| ").append(panel.title).append(" | ").append(name).append(" |");
				for (double value : values) {
					table.append(' ').append(Double.isNaN(value) ? "–" : Report.format(value)).append(" |");
				}
				table.append('\n');
			});
		}
		return table.toString();
	}

	private static String dash(String name) {
		return name.equals("the vectors") ? " stroke-dasharray=\"4 3\"" : "";
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * One panel: one figure, a line per contender.
	 */
	final class Panel {

		private final String title;

		private final Map<String, double[]> series = new LinkedHashMap<>();

		private Panel(String title) {
			this.title = title;
		}

		Panel series(String name, double[] values) {
			this.series.put(name, values);
			return this;
		}

		private void draw(StringBuilder svg, int offset) {
			double max = this.series.values()
				.stream()
				.flatMapToDouble(java.util.Arrays::stream)
				.filter((value) -> !Double.isNaN(value))
				.max()
				.orElse(1);
			double top = niceCeiling(max);
			int left = offset + LEFT;
			svg.append(format("<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, TOP - 14,
					escape(this.title)));
			for (int i = 0; i <= 4; i++) {
				double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * i / 4.0;
				svg.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y,
						left + PLOT_WIDTH, y));
				svg.append(format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 4, y + 4,
						Report.format(top * i / 4)));
			}
			for (int i = 0; i < SvgChart.this.labels.length; i++) {
				svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x(left, i),
						TOP + PLOT_HEIGHT + 16, SvgChart.this.labels[i]));
			}
			int index = 0;
			for (Map.Entry<String, double[]> entry : this.series.entrySet()) {
				line(svg, left, top, entry.getValue(), COLORS[index++ % COLORS.length], dash(entry.getKey()));
			}
		}

		private void line(StringBuilder svg, int left, double top, double[] values, String color, String dash) {
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < values.length; i++) {
				if (Double.isNaN(values[i])) {
					continue;
				}
				double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * values[i] / top;
				points.append(format("%.1f,%.1f ", x(left, i), y));
				svg.append(format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x(left, i), y, color));
			}
			svg.append(format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
					points.toString().trim(), color, dash));
		}

		private double x(int left, int i) {
			return left + 15 + (PLOT_WIDTH - 30) * i / (double) Math.max(1, SvgChart.this.labels.length - 1);
		}

		private static double niceCeiling(double max) {
			if (max <= 0) {
				return 1;
			}
			double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
			for (double step : new double[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }) {
				if (step * magnitude >= max) {
					return step * magnitude;
				}
			}
			return 10 * magnitude;
		}

	}

}
