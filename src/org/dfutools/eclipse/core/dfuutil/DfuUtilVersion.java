package org.dfutools.eclipse.core.dfuutil;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dfu-util release, as its first line of "dfu-util -V" says it: {@code dfu-util 0.11}. */
public record DfuUtilVersion(int major, int minor) implements Comparable<DfuUtilVersion> {

	/** The oldest dfu-util we drive: -p and -S with DFU-mode values, DfuSe ":leave". */
	public static final DfuUtilVersion MINIMUM = new DfuUtilVersion(0, 9);

	private static final Pattern FIRST_LINE = Pattern.compile("^dfu-util (\\d+)\\.(\\d+)"); //$NON-NLS-1$

	public static Optional<DfuUtilVersion> parse(String versionOutput) {
		Matcher matcher = FIRST_LINE.matcher(versionOutput.strip());
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of(new DfuUtilVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
	}

	public boolean isSupported() {
		return compareTo(MINIMUM) >= 0;
	}

	@Override
	public int compareTo(DfuUtilVersion other) {
		return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
	}

	@Override
	public String toString() {
		return major + "." + minor; //$NON-NLS-1$
	}
}
