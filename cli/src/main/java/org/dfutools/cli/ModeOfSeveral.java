package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.OperationException;

/**
 * Reboot to DFU or Start Application of several boards at once, as a flash of several: each board on a thread of its
 * own under its part of the monitor, so a cancel reaches every one; their results in the order named.
 */
final class ModeOfSeveral {

	private ModeOfSeveral() {
	}

	static Results run(ModeChange change, List<BoardOperation<ModeReport>> operations, CommandMonitor monitor)
			throws InterruptedException {
		if (operations.isEmpty()) {
			return new Results();
		}
		ExecutorService threads = Executors.newFixedThreadPool(operations.size(), task -> {
			Thread thread = new Thread(task, change.command() + " of several boards"); //$NON-NLS-1$
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<Object>> ends = new ArrayList<>();
			for (BoardOperation<ModeReport> operation : operations) {
				CommandMonitor part = monitor.part();
				ends.add(threads.submit(() -> {
					try {
						return operation.execute(part);
					} catch (OperationException e) {
						return e;
					}
				}));
			}
			Results results = new Results();
			for (Future<Object> end : ends) {
				Object ended = end.get();
				if (ended instanceof OperationException failure) {
					results.failed(failure);
				} else {
					results.done((ModeReport) ended);
				}
			}
			return results;
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		} finally {
			threads.shutdown();
		}
	}
}
