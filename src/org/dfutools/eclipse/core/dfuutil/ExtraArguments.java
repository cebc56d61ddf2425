package org.dfutools.eclipse.core.dfuutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * The user's extra dfu-util arguments: split like a shell would split them (spaces, single and double
 * quotes, backslash) but never given to one, and refused when they name an option the operation manages,
 * since those decide which device is touched and which file is read or written.
 */
public final class ExtraArguments {

	/** Options the operation sets itself, short and long (a long one may also be written "--name=value"). */
	private static final Set<String> MANAGED_SHORT = Set.of("d", "p", "S", "n", "a", "D", "U", "s", "R", "e", "l", "t"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$
	private static final Set<String> MANAGED_LONG = Set.of("device", "path", "serial", "devnum", "alt", "download", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			"upload", "dfuse-address", "reset", "detach", "list", "transfer-size"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

	private ExtraArguments() {
	}

	/** The arguments in {@code text}; a message naming the first one that is not allowed. */
	public static List<String> parse(String text) throws DfuUtilException {
		List<String> arguments = split(text == null ? "" : text); //$NON-NLS-1$
		for (String argument : arguments) {
			if (argument.chars().anyMatch(Character::isISOControl)) {
				throw new DfuUtilException(Messages.ExtraArguments_control);
			}
			if (isManaged(argument)) {
				throw new DfuUtilException(NLS.bind(Messages.ExtraArguments_managed, argument));
			}
		}
		return arguments;
	}

	private static boolean isManaged(String argument) {
		if (argument.startsWith("--")) { //$NON-NLS-1$
			String name = argument.substring(2);
			int equals = name.indexOf('=');
			name = equals >= 0 ? name.substring(0, equals) : name;
			// getopt_long accepts any unambiguous prefix of a long option: "--down" is --download.
			for (String managed : MANAGED_LONG) {
				if (!name.isEmpty() && managed.startsWith(name)) {
					return true;
				}
			}
			return false;
		}
		if (argument.startsWith("-") && argument.length() > 1) { //$NON-NLS-1$
			// Short options may be bundled ("-vR"); any managed letter in the bundle counts.
			for (char option : argument.substring(1).toCharArray()) {
				if (MANAGED_SHORT.contains(String.valueOf(option))) {
					return true;
				}
			}
		}
		return false;
	}

	private static List<String> split(String text) throws DfuUtilException {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inArgument = false;
		char quote = 0;
		for (int index = 0; index < text.length(); index++) {
			char next = text.charAt(index);
			if (quote != 0) {
				if (next == quote) {
					quote = 0;
				} else if (next == '\\' && quote == '"' && index + 1 < text.length()) {
					current.append(text.charAt(++index));
				} else {
					current.append(next);
				}
			} else if (next == '\'' || next == '"') {
				quote = next;
				inArgument = true;
			} else if (next == '\\' && index + 1 < text.length()) {
				current.append(text.charAt(++index));
				inArgument = true;
			} else if (Character.isWhitespace(next)) {
				if (inArgument) {
					arguments.add(current.toString());
					current.setLength(0);
					inArgument = false;
				}
			} else {
				current.append(next);
				inArgument = true;
			}
		}
		if (quote != 0) {
			throw new DfuUtilException(Messages.ExtraArguments_unclosedQuote);
		}
		if (inArgument) {
			arguments.add(current.toString());
		}
		return arguments;
	}
}
