package org.dfutools.eclipse.core.dfuutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;

/**
 * One dfu-util run as an argument list (never a shell line) on exactly one board in DFU mode: its IDs
 * in both modes, its port path and DFU-mode serial, the alt setting, then the action. The return to the
 * application is part of the last run: {@code -R} on DFU 1.1, {@code -s ADDRESS:leave} on DfuSe.
 */
public record DfuUtilCommand(List<String> command) {

	public DfuUtilCommand {
		command = List.copyOf(command);
	}

	/**
	 * Writes {@code firmware} to {@code board}, one of the {@code attached} boards; {@code returnToApplication}
	 * false when a verifying upload comes next.
	 */
	public static DfuUtilCommand download(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path firmware, boolean returnToApplication) {
		List<String> command = common(executable, board, attached, settings);
		if (isDfuSe(board)) {
			String address = settings.dfuseAddressText().orElse(""); //$NON-NLS-1$
			if (returnToApplication || !address.isEmpty()) {
				command.add("-s"); //$NON-NLS-1$
				command.add(returnToApplication ? address + ":leave" : address); //$NON-NLS-1$
			}
		} else if (returnToApplication) {
			command.add("-R"); //$NON-NLS-1$
		}
		command.add("-D"); //$NON-NLS-1$
		command.add(firmware.toString());
		return new DfuUtilCommand(command);
	}

	/** Reads back {@code length} bytes into {@code target}, then returns to the application. */
	public static DfuUtilCommand verify(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path target, long length) {
		return isDfuSe(board) ? readRange(executable, board, attached, settings, target, settings.dfuseAddressText().orElseThrow(),
				length, true) : readAll(executable, board, attached, settings, target, length);
	}

	/**
	 * Reads back {@code length} bytes from {@code address} of a DfuSe board into {@code target}; the last range
	 * read returns to the application ({@code leave}).
	 */
	public static DfuUtilCommand readRange(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path target, String address, long length, boolean leave) {
		List<String> command = common(executable, board, attached, settings);
		command.add("-s"); //$NON-NLS-1$
		command.add(address + ":" + length + (leave ? ":leave" : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		command.add("-U"); //$NON-NLS-1$
		command.add(target.toString());
		return new DfuUtilCommand(command);
	}

	/**
	 * Reads a plain DFU board's memory into {@code target} until the board sends a short block; the board stays in DFU
	 * mode. {@code limit} is dfu-util's {@code -Z}, which sizes its progress bar only: it reads on to the short block.
	 */
	public static DfuUtilCommand upload(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path target, OptionalLong limit) {
		return plainUpload(executable, board, attached, settings, target, limit, false);
	}

	private static DfuUtilCommand readAll(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path target, long length) {
		return plainUpload(executable, board, attached, settings, target, OptionalLong.of(length), true);
	}

	/** {@code -U} on a plain DFU board: {@code -Z} when a size is given, {@code -R} to return to the application after it. */
	private static DfuUtilCommand plainUpload(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings,
			Path target, OptionalLong size, boolean returnToApplication) {
		List<String> command = common(executable, board, attached, settings);
		size.ifPresent(bytes -> {
			command.add("-Z"); //$NON-NLS-1$
			command.add(Long.toString(bytes));
		});
		if (returnToApplication) {
			command.add("-R"); //$NON-NLS-1$
		}
		command.add("-U"); //$NON-NLS-1$
		command.add(target.toString());
		return new DfuUtilCommand(command);
	}

	private static List<String> common(Path executable, Board board, Collection<Board> attached, DfuUtilOptions settings) {
		List<String> command = new ArrayList<>();
		command.add(executable.toString());
		command.addAll(DfuUtilArguments.selection(board, attached));
		command.add("-a"); //$NON-NLS-1$
		command.add(settings.alt());
		settings.transferSize().ifPresent(size -> {
			command.add("-t"); //$NON-NLS-1$
			command.add(Integer.toString(size));
		});
		command.addAll(settings.extraArguments());
		return command;
	}

	/** Whether the board speaks ST's DfuSe in DFU mode (bcdDFUVersion 0x011A): addresses, leave. */
	public static boolean isDfuSe(Board board) {
		return board.device().functional().map(FunctionalDescriptor::isDfuSe).orElse(false);
	}

	/** The command as one line for the console, quoted where a shell would need it. */
	public String commandLine() {
		return DfuUtilArguments.asCommandLine(command);
	}
}
