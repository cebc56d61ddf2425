package org.dfutools.eclipse.core.serial;

/** Where a monitor puts what the board says and what the monitor itself has to say. Called on the monitor's threads. */
public interface MonitorOutput {

	/** Bytes from the board, as they came. */
	void received(byte[] bytes, int length);

	/** A line of the monitor's own: opened, closed for a flash, reopened on another port, why not. */
	void note(String line);

	/** The monitor's state changed (connected or not, its port): a front end updates its title and buttons. */
	default void stateChanged() {
		// nothing by default
	}
}
