package org.dfutools.eclipse.core.operation;

import java.time.Duration;
import java.util.Optional;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.dfu.BoardWatch;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Where a board is now, as the last sentence of every failure once an operation has touched it, and as the
 * {@link BoardPlace} a failure carries.
 */
public final class WhereTheBoardIs {

	/**
	 * How long a failure that may mean the board left the bus waits for the bus to say so before it states where the
	 * board is: the hotplug event of a board pulled out comes milliseconds after the transfer it broke.
	 */
	static final Duration SETTLE = Duration.ofMillis(300);

	private final DfuDeviceService service;

	public WhereTheBoardIs(DfuDeviceService service) {
		this.service = service;
	}

	/**
	 * The board as the registry lists it now; empty when it is not on the bus. A board the registry still lists is
	 * opened to make sure: the registry hears of a board that left only from the bus's event, which may come later.
	 */
	public Optional<Board> now(Board board) {
		return service.registry().board(board.id()).filter(Board::attached)
				.filter(listed -> !service.onTheBus(listed.device().location()).equals(Optional.of(Boolean.FALSE)));
	}

	public BoardPlace place(Board board) {
		return now(board).map(now -> now.mode().isDfuMode() ? BoardPlace.DFU_MODE : BoardPlace.RUNTIME)
				.orElse(BoardPlace.OFF_BUS);
	}

	/** Where the board is now, as a sentence. */
	public String sentence(Board board) {
		return sentence(place(board));
	}

	private static String sentence(BoardPlace place) {
		return switch (place) {
		case DFU_MODE -> Messages.WhereTheBoardIs_dfuMode;
		case RUNTIME -> Messages.WhereTheBoardIs_runtime;
		default -> Messages.WhereTheBoardIs_offBus;
		};
	}

	/** A failure of a touched board: the message, then where the board is now. */
	public OperationException failure(String message, Board board, Throwable cause) {
		BoardPlace place = place(board);
		return new OperationException(OperationException.sentence(message) + ' ' + sentence(place), cause, false, place);
	}

	/**
	 * A failure of a touched board whose message says already that the board is at {@code said} (a board that stayed
	 * in DFU mode): where the board is now is added only when it is somewhere else.
	 */
	public OperationException failure(String message, Board board, Throwable cause, BoardPlace said) {
		BoardPlace place = place(board);
		String text = place == said ? OperationException.sentence(message)
				: OperationException.sentence(message) + ' ' + sentence(place);
		return new OperationException(text, cause, false, place);
	}

	/** The user stopped the operation on a touched board: the message, then where the board is now. */
	public OperationException cancelled(String message, Board board) {
		BoardPlace place = place(board);
		return new OperationException(OperationException.sentence(message) + ' ' + sentence(place), null, true, place);
	}

	/** A failure whose message already says where the board is, which is {@code place}. */
	static OperationException saying(String message, BoardPlace place, Throwable cause) {
		return new OperationException(message, cause, false, place);
	}

	/**
	 * After a failure that may mean the board left the bus (an I/O error), waits at most {@link #SETTLE} for the bus
	 * to report it gone; a board the registry already lists as gone, or that stays, ends the wait at once or at the bound.
	 */
	public void settle(Board board) {
		try (BoardWatch watch = new BoardWatch(service, board.id())) {
			// Looked at once the watch listens: a removal in between is then either seen here or heard by the watch.
			if (service.registry().board(board.id()).filter(Board::attached).isPresent()) {
				watch.await(BoardEvent.gone(), System.nanoTime() + SETTLE.toNanos(), new NullProgressMonitor());
			}
		} catch (BoardWatch.CancelledException e) {
			// a null monitor is never cancelled
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
