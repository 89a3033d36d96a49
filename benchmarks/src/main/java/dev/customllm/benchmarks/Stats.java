package dev.customllm.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Medians and percentiles.
 *
 * @author Custom LLM team
 */
final class Stats {

	private Stats() {
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Return a percentile of nanosecond values, in milliseconds.
	 * @param nanos the values (sorted in place)
	 * @param percentile the percentile, 0 to 100
	 * @return the percentile in milliseconds
	 */
	static double percentileMillis(long[] nanos, double percentile) {
		if (nanos.length == 0) {
			return Double.NaN;
		}
		Arrays.sort(nanos);
		int index = (int) Math.ceil(percentile / 100 * nanos.length) - 1;
		return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
	}

}
