package org.dfutools.eclipse.core.device;

import java.util.function.Predicate;

/** A change in the set of attached boards. For REMOVED, {@code board} is the board as it was last seen. */
public record BoardEvent(Kind kind, Board board) {

	public enum Kind {
		ADDED, CHANGED, REMOVED
	}

	/**
	 * The board is on the bus as another device than {@code deviceKey}: it has re-enumerated. Events from before it
	 * left do not count, whatever they say.
	 */
	public static Predicate<BoardEvent> backAsNewDevice(String deviceKey) {
		return event -> event.kind() != Kind.REMOVED && event.board().attached()
				&& !event.board().device().location().deviceKey().equals(deviceKey);
	}

	/** The board has left the bus, or the registry holds its row while it re-enumerates. */
	public static Predicate<BoardEvent> gone() {
		return event -> event.kind() == Kind.REMOVED || event.board().reenumerating();
	}
}
