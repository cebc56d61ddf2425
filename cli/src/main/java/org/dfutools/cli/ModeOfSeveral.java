package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.OperationException;

import com.google.gson.JsonObject;

/**
 * Reboot to DFU or Start Application of several boards at once, as a flash of several: each board on a thread of its
 * own under its part of the monitor, so a cancel reaches every one; their results in the order named.
 */
final class ModeOfSeveral {

	private ModeOfSeveral() {
	}

	/** Each board's result names its port, as a flash of several does. */
	static Results run(ModeChange change, List<Board> boards, Function<Board, BoardOperation<ModeReport>> operationOf,
			CommandMonitor monitor) throws InterruptedException {
		if (boards.isEmpty()) {
			return new Results();
		}
		List<BoardOperation<ModeReport>> operations = boards.stream().map(operationOf).toList();
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
			for (int index = 0; index < ends.size(); index++) {
				Object ended = ends.get(index).get();
				JsonObject result = ended instanceof OperationException failure ? results.failed(failure) : results.done((ModeReport) ended);
				result.addProperty("port", boards.get(index).device().location().portPath()); //$NON-NLS-1$
			}
			return results;
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		} finally {
			threads.shutdown();
		}
	}
}
