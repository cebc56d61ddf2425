package org.dfutools.cli;

/** A command that cannot run as typed: a bad value, an unreadable config file. Ends with {@link ExitStatus#USAGE}. */
public final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}
