package org.dfutools.eclipse.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dfutools.eclipse.testsupport.Leaks;

/**
 * What a long run could leak, counted in this JVM: open file descriptors, live threads (and those that
 * are not idle pool workers, which come and go by design) and the heap in use after a full collection.
 */
record ProcessCounts(List<String> descriptorTargets, int threads, int ownThreads, double heapMiB) {

	private static final int COLLECTIONS = 3;

	static ProcessCounts now() throws IOException, InterruptedException {
		for (int round = 0; round < COLLECTIONS; round++) {
			System.gc();
			Thread.sleep(100);
		}
		List<String> targets = Leaks.openDescriptors();
		var all = Thread.getAllStackTraces().keySet();
		int own = (int) all.stream().filter(t -> !t.getName().startsWith("Worker-")).count();
		double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
		return new ProcessCounts(targets, all.size(), own, heap);
	}

	int fileDescriptors() {
		return descriptorTargets.size();
	}

	/** The descriptors open now that were not open at {@code start}, by what they point at. */
	List<String> newDescriptorsSince(ProcessCounts start) {
		List<String> added = new ArrayList<>(descriptorTargets);
		for (String old : start.descriptorTargets) {
			added.remove(old);
		}
		return added;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d open file descriptors, %d threads (%d besides job workers), %.1f MiB heap",
				Integer.valueOf(fileDescriptors()), Integer.valueOf(threads), Integer.valueOf(ownThreads), Double.valueOf(heapMiB));
	}
}
