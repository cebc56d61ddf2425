package org.dfutools.eclipse.core.operation;

/** Where an operation left its board: what a person (or a script) must know to carry on. */
public enum BoardPlace {
	/** The operation stopped before it touched the board: it is as it was. */
	UNTOUCHED,
	/** On the bus, running its application. */
	RUNTIME,
	/** On the bus in its bootloader: Start Application brings it back. */
	DFU_MODE,
	/** Not on the bus. */
	OFF_BUS
}
