package org.dfutools.eclipse.core.dfu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The boards an operation is working on now (a flash, a reboot). A second operation on a busy board is
 * refused with what holds it, rather than queued behind it: it would find the board in another mode.
 */
public final class BusyBoards {

	private static final BusyBoards SHARED = new BusyBoards();

	private final Map<String, String> holders = new HashMap<>();

	public static BusyBoards shared() {
		return SHARED;
	}

	/**
	 * Marks the board busy for {@code activity} until the returned claim is closed; empty, and nothing
	 * changed, when another activity holds it.
	 */
	public synchronized Optional<Claim> claim(String boardId, String activity) {
		if (holders.containsKey(boardId)) {
			return Optional.empty();
		}
		holders.put(boardId, activity);
		return Optional.of(new Claim(boardId));
	}

	/** What holds the board now, if anything. */
	public synchronized Optional<String> holder(String boardId) {
		return Optional.ofNullable(holders.get(boardId));
	}

	private synchronized void release(String boardId) {
		holders.remove(boardId);
	}

	/** A board held busy; closing it (once or more) frees the board. */
	public final class Claim implements AutoCloseable {
		private final String boardId;
		private boolean closed;

		private Claim(String boardId) {
			this.boardId = boardId;
		}

		@Override
		public void close() {
			synchronized (this) {
				if (closed) {
					return;
				}
				closed = true;
			}
			release(boardId);
		}
	}
}
