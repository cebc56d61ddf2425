package org.dfutools.eclipse.ui.views;

import java.util.function.Function;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/** The columns of the DFU Devices table: title, width, and the text a board shows in it. */
public enum BoardColumn {
	NAME(Messages.BoardColumn_name, 220, board -> board.device().displayName()),
	ID(Messages.BoardColumn_id, 90, board -> board.device().id().toString()),
	MODE(Messages.BoardColumn_mode, 125, BoardColumn::modeText),
	SERIAL(Messages.BoardColumn_serial, 110, board -> board.device().serial()),
	PORT(Messages.BoardColumn_port, 70, board -> board.device().location().portPath()),
	VERSION(Messages.BoardColumn_version, 105, board -> functional(board, FunctionalDescriptor::versionText)),
	DETACH_TIMEOUT(Messages.BoardColumn_detachTimeout, 120,
			board -> functional(board, f -> NLS.bind(Messages.BoardColumn_milliseconds, Integer.valueOf(f.detachTimeoutMs())))),
	TRANSFER_SIZE(Messages.BoardColumn_transferSize, 110,
			board -> functional(board, f -> NLS.bind(Messages.BoardColumn_bytes, Integer.valueOf(f.transferSize())))),
	ATTRIBUTES(Messages.BoardColumn_attributes, 260, board -> functional(board, f -> String.join(", ", f.attributeWords()))); //$NON-NLS-1$

	private final String title;
	private final int width;
	private final Function<Board, String> text;

	BoardColumn(String title, int width, Function<Board, String> text) {
		this.title = title;
		this.width = width;
		this.text = text;
	}

	public String title() {
		return title;
	}

	public int width() {
		return width;
	}

	public String textOf(Board board) {
		return text.apply(board);
	}

	/** What the board is doing: off the bus between modes, busy with an operation, or the mode it is in. */
	private static String modeText(Board board) {
		if (board.reenumerating()) {
			return Messages.BoardColumn_reenumerating;
		}
		return DfuDeviceService.get().busyBoards().status(board.id()).orElse(board.mode().label());
	}

	private static String functional(Board board, Function<FunctionalDescriptor, String> field) {
		return board.device().functional().map(field).orElse(Messages.BoardColumn_unknown);
	}
}
