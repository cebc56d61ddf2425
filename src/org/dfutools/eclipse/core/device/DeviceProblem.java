package org.dfutools.eclipse.core.device;

/** Something that keeps a board from being fully read or used, said for a person. */
public record DeviceProblem(Kind kind, String message) {

	public enum Kind {
		/** The device file may not be opened by this user: strings are missing, and nothing can be sent. */
		ACCESS_DENIED,
		/** The device could be seen but not opened for another reason (busy, driver, platform). */
		OPEN_FAILED,
		/** A DFU interface has no functional descriptor: attributes and timeouts are unknown. */
		NO_FUNCTIONAL_DESCRIPTOR,
		/** The descriptors are malformed; what could be read is shown. */
		MALFORMED_DESCRIPTOR,
		/** A string descriptor (name, serial, alt setting name) could not be read. */
		STRING_READ_FAILED
	}
}
