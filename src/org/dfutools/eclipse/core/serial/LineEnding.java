package org.dfutools.eclipse.core.serial;

/** What the monitor sends after each line typed, as serial monitors offer it. */
public enum LineEnding {
	NONE(""), LF("\n"), CR("\r"), CRLF("\r\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

	private final String ending;

	LineEnding(String ending) {
		this.ending = ending;
	}

	public String ending() {
		return ending;
	}

	public String label() {
		return switch (this) {
		case NONE -> Messages.LineEnding_none;
		case LF -> Messages.LineEnding_lf;
		case CR -> Messages.LineEnding_cr;
		case CRLF -> Messages.LineEnding_crlf;
		};
	}
}
