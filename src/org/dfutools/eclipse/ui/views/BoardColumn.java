package org.dfutools.eclipse.ui.views;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/** The columns of the DFU Devices table: title, width, and the text a board shows in it. */
public enum BoardColumn {
	NAME(Messages.BoardColumn_name, 220, (board, busy) -> board.device().displayName()),
	ID(Messages.BoardColumn_id, 90, (board, busy) -> board.device().id().toString()),
	MODE(Messages.BoardColumn_mode, 125, BoardColumn::modeText),
	SERIAL(Messages.BoardColumn_serial, 110, (board, busy) -> board.device().serial()),
	PORT(Messages.BoardColumn_port, 70, (board, busy) -> board.device().location().portPath()),
	VERSION(Messages.BoardColumn_version, 105, (board, busy) -> functional(board, FunctionalDescriptor::versionText)),
	DETACH_TIMEOUT(Messages.BoardColumn_detachTimeout, 120,
			(board, busy) -> functional(board, f -> NLS.bind(Messages.BoardColumn_milliseconds, Integer.valueOf(f.detachTimeoutMs())))),
	TRANSFER_SIZE(Messages.BoardColumn_transferSize, 110,
			(board, busy) -> functional(board, f -> NLS.bind(Messages.BoardColumn_bytes, Integer.valueOf(f.transferSize())))),
	ATTRIBUTES(Messages.BoardColumn_attributes, 260, (board, busy) -> functional(board, f -> String.join(", ", f.attributeWords()))); //$NON-NLS-1$

	private final String title;
	private final int width;
	private final BiFunction<Board, BusyBoards, String> text;

	BoardColumn(String title, int width, BiFunction<Board, BusyBoards, String> text) {
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

	/** The board's text in this column; {@code busy} tells what an operation is doing with it. */
	public String textOf(Board board, BusyBoards busy) {
		return text.apply(board, busy);
	}

	/** What the board is doing: off the bus between modes, busy with an operation, or the mode it is in. */
	private static String modeText(Board board, BusyBoards busy) {
		if (board.reenumerating()) {
			return Messages.BoardColumn_reenumerating;
		}
		return busy.status(board.id()).orElse(board.device().modeLabel());
	}

	/** A field of the functional descriptor; none for a touch board's application, which has no DFU interface. */
	private static String functional(Board board, Function<FunctionalDescriptor, String> field) {
		if (board.device().entersDfuByTouch()) {
			return Messages.BoardColumn_none;
		}
		return board.device().functional().map(field).orElse(Messages.BoardColumn_unknown);
	}
}
