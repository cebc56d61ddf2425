package org.dfutools.cli;

import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.operation.OperationException;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List the attached DFU boards, in run-time and DFU mode, as the DFU Devices view does.")
final class ListCommand extends BoardCommand {

	private static final String[] HEADINGS = { "NAME", "ID", "MODE", "SERIAL", "PORT", "DFU", "DETACH", "TRANSFER" };

	@Option(names = { "-w", "--watch" }, description = "Then print each arrival, change and departure until Ctrl-C (with --json: one JSON object per line).")
	boolean watch;

	@Override
	protected ExitStatus run(Session session) {
		DeviceRegistry registry;
		try {
			registry = session.registry(monitor);
		} catch (OperationException e) {
			return stopped("list", e); //$NON-NLS-1$
		}
		if (!watch) {
			print(registry.boards());
			return ExitStatus.DONE;
		}
		BoardListener events = this::changed;
		// Listening before the first list: an arrival in between is printed (perhaps twice), never lost.
		registry.addListener(events);
		try {
			print(registry.boards());
			monitor.awaitCancel();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			registry.removeListener(events);
		}
		return ExitStatus.DONE;
	}

	private void print(List<Board> boards) {
		if (json) {
			JsonArray list = new JsonArray();
			boards.forEach(board -> list.add(JsonOf.board(board)));
			JsonObject document = new JsonObject();
			document.addProperty("command", "list"); //$NON-NLS-1$ //$NON-NLS-2$
			document.addProperty("exit", Integer.valueOf(0)); //$NON-NLS-1$
			document.add("boards", list); //$NON-NLS-1$
			if (watch) {
				System.out.println(new Gson().toJson(document));
				System.out.flush();
			} else {
				print(document);
			}
			return;
		}
		if (boards.isEmpty()) {
			System.out.println("No DFU board is attached."); //$NON-NLS-1$
			return;
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADINGS);
		boards.forEach(board -> rows.add(columns(board)));
		int[] widths = new int[HEADINGS.length];
		rows.forEach(row -> {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		});
		for (int index = 0; index < rows.size(); index++) {
			StringBuilder line = new StringBuilder();
			String[] row = rows.get(index);
			for (int i = 0; i < row.length; i++) {
				line.append(String.format("%-" + (widths[i] + 2) + "s", row[i])); //$NON-NLS-1$ //$NON-NLS-2$
			}
			System.out.println(line.toString().stripTrailing());
			if (index > 0) {
				for (DeviceProblem problem : boards.get(index - 1).device().problems()) {
					System.out.println("    ! " + problem.message()); //$NON-NLS-1$
				}
			}
		}
	}

	private static String[] columns(Board board) {
		var functional = board.device().functional();
		return new String[] { board.device().displayName(), board.device().id().toString(), board.device().modeLabel(),
				board.device().serial(), board.device().location().portPath(),
				functional.map(f -> f.versionText()).orElse(""), //$NON-NLS-1$
				functional.map(f -> f.detachTimeoutMs() + " ms").orElse(""), //$NON-NLS-1$ //$NON-NLS-2$
				functional.map(f -> f.transferSize() + " B").orElse("") }; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** One event of --watch, as it comes (on the registry's thread). */
	private void changed(BoardEvent event) {
		if (json) {
			JsonObject line = new JsonObject();
			line.addProperty("event", event.kind().name().toLowerCase()); //$NON-NLS-1$
			line.add("board", JsonOf.board(event.board())); //$NON-NLS-1$
			synchronized (this) {
				System.out.println(new Gson().toJson(line));
				System.out.flush();
			}
			return;
		}
		String mark = switch (event.kind()) {
		case ADDED -> "+"; //$NON-NLS-1$
		case REMOVED -> "-"; //$NON-NLS-1$
		case CHANGED -> "~"; //$NON-NLS-1$
		};
		Board board = event.board();
		terminal.line(mark + " " + board.describe()); //$NON-NLS-1$
	}
}
