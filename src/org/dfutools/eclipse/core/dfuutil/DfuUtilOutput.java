package org.dfutools.eclipse.core.dfuutil;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dfu-util's output as it streams: the progress bar it redraws with carriage returns
 * ({@code "\rDownload\t[====   ]  19%   3072 bytes"}), the end of each phase ({@code "Download done."})
 * and the last error it printed ({@code "dfu-util: ..."}), which explains a failing exit status.
 */
public final class DfuUtilOutput {

	/** What the output says, as it says it; called on the thread that feeds the output. */
	public interface Listener {
		void progress(String phase, int percent, long bytes);

		void phaseDone(String phase);

		/** Every other line, as printed (tabs kept, without its line end); blank lines included. */
		default void line(String text) {
			// most listeners want only the facts
		}
	}

	// At most 3 and 18 digits: numbers that do not fit are garbage, not progress.
	private static final Pattern PROGRESS = Pattern.compile("^(Erase|Download|Upload)\\s*\\[[= ]*\\]\\s*(\\d{1,3})%\\s+(\\d{1,18}) bytes"); //$NON-NLS-1$
	private static final Pattern DONE = Pattern.compile("^(Erase|Download|Upload)\\s+done\\."); //$NON-NLS-1$
	/** The board's own DFU status, which dfu-util prints without its prefix when a request ends in an error status. */
	private static final Pattern BOARD_STATUS = Pattern.compile("^DFU state\\(\\d+\\) = \\S+, status\\((\\d+)\\) = "); //$NON-NLS-1$
	private static final String ERROR_PREFIX = "dfu-util: "; //$NON-NLS-1$
	private static final String WARNING_PREFIX = "dfu-util: Warning"; //$NON-NLS-1$
	private static final String RESET_LINE = "Resetting USB"; //$NON-NLS-1$
	private static final String LEAVE_LINE = "Submitting leave request"; //$NON-NLS-1$
	/** Longer output without a line end is cut into lines of this length: an executable gone mad cannot fill memory. */
	static final int MAX_LINE = 4096;
	/** The error quoted in messages is cut to this length. */
	private static final int MAX_ERROR = 300;

	private final Listener listener;
	private final StringBuilder segment = new StringBuilder();
	/** Whether the last segment ended with '\r': a '\n' right after it ends no line of its own. */
	private boolean afterCarriageReturn;
	private String lastError = ""; //$NON-NLS-1$
	/** Whether {@link #lastError} is the board's own error status: it explains the failure better than what follows. */
	private boolean boardError;
	private boolean transferDone;
	private boolean resetAfterTransfer;
	/** dfu-util continues some warnings on a second "dfu-util: " line; that line is no error either. */
	private boolean warningContinues;

	public DfuUtilOutput(Listener listener) {
		this.listener = listener;
	}

	/** Takes the next piece of output, in any size; segments end at '\r' or '\n'. */
	public void accept(CharSequence text) {
		for (int index = 0; index < text.length(); index++) {
			char next = text.charAt(index);
			if (next == '\r' || next == '\n') {
				// An empty segment is a blank line only when a line feed ends it without a carriage return before.
				if (!segment.isEmpty() || (next == '\n' && !afterCarriageReturn)) {
					segmentEnded();
				}
				afterCarriageReturn = next == '\r';
			} else {
				segment.append(next);
				if (segment.length() >= MAX_LINE) {
					segmentEnded();
					afterCarriageReturn = false;
				}
			}
		}
	}

	/** The output ended: what is left is a last segment. */
	public void finish() {
		if (!segment.isEmpty()) {
			segmentEnded();
		}
	}

	/** Whether a Download or Upload phase printed "done.". */
	public boolean transferDone() {
		return transferDone;
	}

	/** Whether, after a completed transfer, dfu-util said it makes the board leave DFU mode (reset or DfuSe leave). */
	public boolean resetAfterTransfer() {
		return resetAfterTransfer;
	}

	/**
	 * The error status the board reported (dfu-util's "DFU state(10) = dfuERROR, status(8) = ..." line), else the last
	 * error dfu-util printed (not its warnings), or "" when it printed none.
	 */
	public String lastError() {
		return lastError;
	}

	/** Whether {@link #lastError()} is an error status the board reported. */
	public boolean boardError() {
		return boardError;
	}

	/** An error line as a message may quote it: no control characters, and not endless. */
	private static String quotable(String error) {
		String printable = error.replaceAll("\\p{Cntrl}", "?"); //$NON-NLS-1$ //$NON-NLS-2$
		return printable.length() <= MAX_ERROR ? printable : printable.substring(0, MAX_ERROR) + " (cut)"; //$NON-NLS-1$
	}

	private void segmentEnded() {
		String raw = segment.toString();
		String line = raw.replace('\t', ' ').strip();
		segment.setLength(0);
		Matcher progress = PROGRESS.matcher(line);
		if (progress.find()) {
			listener.progress(progress.group(1), Math.min(100, Integer.parseInt(progress.group(2))),
					Long.parseLong(progress.group(3)));
			return;
		}
		listener.line(raw);
		if (line.isEmpty()) {
			return;
		}
		Matcher done = DONE.matcher(line);
		if (done.find()) {
			transferDone |= !"Erase".equals(done.group(1)); //$NON-NLS-1$
			listener.phaseDone(done.group(1));
			return;
		}
		resetAfterTransfer |= transferDone && (line.contains(RESET_LINE) || line.startsWith(LEAVE_LINE));
		Matcher status = BOARD_STATUS.matcher(line);
		if (status.find()) {
			warningContinues = false;
			if (!"0".equals(status.group(1))) { //$NON-NLS-1$
				lastError = quotable(line);
				boardError = true;
			}
		} else if (line.startsWith(WARNING_PREFIX)) {
			warningContinues = true;
		} else if (line.startsWith(ERROR_PREFIX) && !warningContinues) {
			if (!boardError) {
				lastError = quotable(line.substring(ERROR_PREFIX.length()));
			}
		} else {
			warningContinues = false;
		}
	}
}
