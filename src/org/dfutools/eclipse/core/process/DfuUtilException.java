package org.dfutools.eclipse.core.process;

/** dfu-util cannot be used: missing, not executable, too old, or not answering; said for a person. */
public class DfuUtilException extends Exception {

	private static final long serialVersionUID = 1L;

	public DfuUtilException(String message) {
		super(message);
	}

	public DfuUtilException(String message, Throwable cause) {
		super(message, cause);
	}
}
