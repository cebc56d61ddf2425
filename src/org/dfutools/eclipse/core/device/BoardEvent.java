package org.dfutools.eclipse.core.device;

/** A change in the set of attached boards. For REMOVED, {@code board} is the board as it was last seen. */
public record BoardEvent(Kind kind, Board board) {

	public enum Kind {
		ADDED, CHANGED, REMOVED
	}
}
