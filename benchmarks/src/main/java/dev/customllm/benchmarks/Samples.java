package dev.customllm.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Values measured round after round, per contender and figure, and the rounds that make
 * the contenders alternate in one JVM so that both see the same machine.
 *
 * @author Custom LLM team
 */
final class Samples {

	/**
	 * Name of the only contender to run, to profile it alone ({@code --only-contender=}),
	 * or {@code null} for both.
	 */
	static volatile @Nullable String onlyContender;

	private final Map<String, List<Double>> values = new LinkedHashMap<>();

	/**
	 * Run rounds in which each contender takes its turn, the order swapped every round.
	 * @param rounds the number of rounds
	 * @param library the library
	 * @param baseline the baseline
	 * @param turn what one contender does in one round
	 */
	static void alternate(int rounds, Contender library, Contender baseline, Consumer<Contender> turn) {
		alternate(rounds, List.of(library, baseline), turn);
	}

	/**
	 * Run rounds in which each contender takes its turn, the order rotated every round.
	 * @param rounds the number of rounds
	 * @param contenders the contenders
	 * @param turn what one contender does in one round
	 */
	static void alternate(int rounds, List<Contender> contenders, Consumer<Contender> turn) {
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < contenders.size(); i++) {
				Contender contender = contenders.get((round + i) % contenders.size());
				if (onlyContender == null || onlyContender.equals(contender.name())) {
					turn.accept(contender);
				}
			}
		}
	}

	void add(Contender contender, String figure, double value) {
		this.values.computeIfAbsent(contender.name() + "/" + figure, (key) -> new ArrayList<>()).add(value);
	}

	double median(Contender contender, String figure) {
		return median(contender.name(), figure);
	}

	double median(String contender, String figure) {
		List<Double> values = this.values.get(contender + "/" + figure);
		return (values != null) ? Stats.median(values) : Double.NaN;
	}

}
