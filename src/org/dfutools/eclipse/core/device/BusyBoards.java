package org.dfutools.eclipse.core.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The boards an operation is working on now (a flash, a reboot), and what it is doing to each. A second
 * operation on a busy board is refused with what holds it, rather than queued behind it: it would find
 * the board in another mode. Views show the status ("Detaching...") in the board's row. Thread-safe;
 * listeners are called on the thread that made the change.
 */
public final class BusyBoards {

	/** What holds a board (for "busy with ...") and what it is doing now (for its row). */
	private record Activity(String holder, String status) {
	}

	private final Map<String, Activity> work = new ConcurrentHashMap<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private final List<HoldListener> holdListeners = new CopyOnWriteArrayList<>();

	/**
	 * Told when an operation takes a board and when it lets it go, on the operation's thread: {@link #held} before the
	 * claim returns, so before the operation touches the board (a serial monitor closes its port there).
	 */
	public interface HoldListener {
		void held(String boardId, String holder);

		void freed(String boardId);
	}

	/**
	 * Marks the board busy for {@code holder}, showing {@code status}, until the returned claim is
	 * closed; empty, and nothing changed, when another operation holds it.
	 */
	public Optional<Claim> claim(String boardId, String holder, String status) {
		if (work.putIfAbsent(boardId, new Activity(holder, status)) != null) {
			return Optional.empty();
		}
		changed();
		holdListeners.forEach(listener -> listener.held(boardId, holder));
		return Optional.of(new Claim(boardId, holder));
	}

	/** Work done on a board while it is held; it may show what it does through the claim. */
	@FunctionalInterface
	public interface Work<T, E extends Exception> {
		T run(Claim held) throws E;
	}

	/**
	 * Runs the work holding the board busy for {@code holder}, showing {@code status}, and frees it after; when
	 * another operation holds it, throws what {@code busy} makes of that operation's name, and runs nothing.
	 */
	public <T, E extends Exception> T whileHolding(String boardId, String holder, String status, Work<T, E> work,
			Function<String, E> busy) throws E {
		Optional<Claim> claim = claim(boardId, holder, status);
		if (claim.isEmpty()) {
			throw busy.apply(holder(boardId).orElse("")); //$NON-NLS-1$
		}
		try (Claim held = claim.get()) {
			return work.run(held);
		}
	}

	/** What holds the board now, if anything. */
	public Optional<String> holder(String boardId) {
		return Optional.ofNullable(work.get(boardId)).map(Activity::holder);
	}

	/** What is being done to the board now, if anything. */
	public Optional<String> status(String boardId) {
		return Optional.ofNullable(work.get(boardId)).map(Activity::status);
	}

	/** Called after every change: a board became busy or free, or its status changed. */
	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public void removeListener(Runnable listener) {
		listeners.remove(listener);
	}

	public void addHoldListener(HoldListener listener) {
		holdListeners.add(listener);
	}

	public void removeHoldListener(HoldListener listener) {
		holdListeners.remove(listener);
	}

	private void changed() {
		listeners.forEach(Runnable::run);
	}

	/** A board held busy; closing it (once or more) frees the board. */
	public final class Claim implements AutoCloseable {
		private final String boardId;
		private final String holder;
		private boolean closed;

		private Claim(String boardId, String holder) {
			this.boardId = boardId;
			this.holder = holder;
		}

		/** Whether this claim holds that board. */
		public boolean holds(String id) {
			return boardId.equals(id);
		}

		/** For a step of an operation that holds the board already: refuses a claim on another board. */
		public void requireHolds(String id) {
			if (!holds(id)) {
				throw new IllegalArgumentException("the claim is for " + boardId + ", not " + id); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}

		/** Shows what the operation does now. */
		public void show(String status) {
			synchronized (this) {
				Activity now = new Activity(holder, status);
				// Unchanged is no change: listeners (the view's rows) hear only what is new.
				if (closed || now.equals(work.put(boardId, now))) {
					return;
				}
			}
			changed();
		}

		@Override
		public void close() {
			synchronized (this) {
				if (closed) {
					return;
				}
				closed = true;
				work.remove(boardId);
			}
			changed();
			holdListeners.forEach(listener -> listener.freed(boardId));
		}
	}
}
