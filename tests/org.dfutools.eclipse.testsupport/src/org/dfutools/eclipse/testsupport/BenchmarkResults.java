package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects benchmark figures (medians of several runs), prints them as a table and writes them as JSON
 * to the folder the build names ({@code dfutools.benchmarks}, target/benchmarks by default).
 */
public final class BenchmarkResults {

	/** One measured quantity; reference and ratio are null where there is nothing to compare with. */
	public record Result(String name, String unit, double median, double min, double max, int runs, Double reference,
			Double ratio, String target) {
	}

	private final List<Result> results = new ArrayList<>();

	/** Adds the median, min and max of the samples; the ratio is median / reference when one is given. */
	public Result add(String name, String unit, List<Double> samples, Double reference, String target) {
		List<Double> sorted = new ArrayList<>(samples);
		sorted.sort(null);
		int n = sorted.size();
		double median = median(samples);
		Result result = new Result(name, unit, median, sorted.get(0), sorted.get(n - 1), n, reference,
				reference == null ? null : median / reference, target);
		results.add(result);
		return result;
	}

	/** The median of the samples (the mean of the middle two for an even count). */
	public static double median(List<Double> samples) {
		List<Double> sorted = new ArrayList<>(samples);
		sorted.sort(null);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	public String table() {
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-58s %10s %10s %10s %5s %8s  %s%n", "benchmark",
				"median", "min", "max", "runs", "ratio", "target"));
		for (Result r : results) {
			out.append(String.format(Locale.ROOT, "%-58s %7.1f %-2s %7.1f %-2s %7.1f %-2s %5d %8s  %s%n", r.name(), r.median(),
					r.unit(), r.min(), r.unit(), r.max(), r.unit(), r.runs(),
					r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.target()));
		}
		return out.toString();
	}

	/** Writes {@code file} (JSON, one object per result) and returns it. */
	public Path write(String fileName) throws IOException {
		Path folder = Path.of(System.getProperty("dfutools.benchmarks", "target/benchmarks"));
		Files.createDirectories(folder);
		StringBuilder json = new StringBuilder("[\n");
		for (int index = 0; index < results.size(); index++) {
			Result r = results.get(index);
			json.append(String.format(Locale.ROOT,
					"  {\"name\": \"%s\", \"unit\": \"%s\", \"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"runs\": %d, "
							+ "\"reference\": %s, \"ratio\": %s, \"target\": \"%s\"}%s%n",
					r.name(), r.unit(), r.median(), r.min(), r.max(), r.runs(), number(r.reference()), number(r.ratio()),
					r.target(), index + 1 < results.size() ? "," : ""));
		}
		json.append("]\n");
		Path file = folder.resolve(fileName);
		Files.writeString(file, json);
		return file;
	}

	/** A benchmark's last step: prints the table, writes {@code fileName} as {@link #write} does and says where. */
	public void report(String fileName) throws IOException {
		System.out.print(table());
		System.out.println("written: " + write(fileName));
	}

	private static String number(Double value) {
		return value == null ? "null" : String.format(Locale.ROOT, "%.3f", value);
	}
}
