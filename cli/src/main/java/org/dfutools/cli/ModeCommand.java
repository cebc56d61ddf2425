package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.mode.ModeReport;
import org.dfutools.eclipse.core.operation.BoardOperation;
import org.dfutools.eclipse.core.operation.OperationException;

import picocli.CommandLine.Parameters;

/** Reboot to DFU or Start Application of the named boards: several at once, as a flash of several. */
abstract class ModeCommand extends BoardCommand {

	@Parameters(paramLabel = "BOARD", description = "The board: serial, port (1-2), VID:PID, several separated by commas, or every:VID:PID.")
	String board;

	@Override
	protected final ExitStatus run(Session session) throws UsageException {
		List<Board> boards;
		try {
			boards = BoardNames.select(BoardNames.named(board), session.boards(monitor));
		} catch (OperationException e) {
			return stopped(name(), e);
		}
		if (boards.size() == 1) {
			return runEach(name(), List.of(operation(session, boards.get(0), console())::execute));
		}
		return atOnce(session, boards);
	}

	/** Several boards at once, each on a thread of its own with its lines prefixed by its port; results in their order. */
	private ExitStatus atOnce(Session session, List<Board> boards) throws UsageException {
		List<BoardOperation<ModeReport>> operations = new ArrayList<>();
		for (Board one : boards) {
			operations.add(operation(session, one, consoleOf(one)));
		}
		ExecutorService threads = Executors.newFixedThreadPool(boards.size(), task -> {
			Thread thread = new Thread(task, name() + " of several boards"); //$NON-NLS-1$
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
				shown(ended instanceof OperationException failure ? results.failed(failure) : results.done((ModeReport) ended));
			}
			return printed(name(), results);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return ExitStatus.CANCELLED;
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		} finally {
			threads.shutdown();
		}
	}

	/** The command's name, as typed. */
	protected abstract String name();

	/** The operation on one board, chosen as it is when the operation starts, writing to {@code console}. */
	protected abstract BoardOperation<ModeReport> operation(Session session, Board board, DfuUtilConsole console)
			throws UsageException;
}
