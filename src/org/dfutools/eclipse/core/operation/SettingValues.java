package org.dfutools.eclipse.core.operation;

import java.util.OptionalLong;

import org.eclipse.osgi.util.NLS;

/** The values a flash and a save both take as text (an alt setting, a number, an address), checked as dfu-util reads them. */
public final class SettingValues {

	private SettingValues() {
	}

	/** An alt setting as dfu-util's {@code -a} takes it: a number to 255, or a name. */
	public static String alt(String text) throws OperationException {
		String alt = text == null ? "" : text.strip(); //$NON-NLS-1$
		if (alt.isEmpty()) {
			throw new OperationException(Messages.SettingValues_noAlt);
		}
		OptionalLong index = cNumber(alt);
		if (index.isPresent()) {
			if (index.getAsLong() > 255) {
				throw new OperationException(NLS.bind(Messages.SettingValues_badAlt, alt));
			}
			return Long.toString(index.getAsLong());
		}
		// A name: dfu-util compares it with the alt settings' iInterface strings.
		if (alt.startsWith("-") || alt.chars().anyMatch(Character::isISOControl)) { //$NON-NLS-1$
			throw new OperationException(NLS.bind(Messages.SettingValues_badAlt, alt));
		}
		return alt;
	}

	/**
	 * The number dfu-util reads for {@code -a}, with {@code strtoul(text, &end, 0)}, when the whole text is one:
	 * 0x-hexadecimal, 0-octal or decimal. Otherwise empty, and dfu-util takes the text as an alt name ("08" too).
	 */
	private static OptionalLong cNumber(String text) {
		String digits = text;
		int radix = 10;
		if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))) { //$NON-NLS-1$ //$NON-NLS-2$
			digits = text.substring(2);
			radix = 16;
		} else if (text.length() > 1 && text.startsWith("0")) { //$NON-NLS-1$
			digits = text.substring(1);
			radix = 8;
		}
		int base = radix;
		if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, base) >= 0)) {
			return OptionalLong.empty();
		}
		// Too long for a long is too big for an alt setting; strtoul saturates, and dfu-util finds no such alt.
		return OptionalLong.of(digits.length() > 15 ? Long.MAX_VALUE : Long.parseLong(digits, base));
	}

	/** A decimal or 0x-hexadecimal number from 0 to {@code max}. */
	public static long number(String text, long max, String message) throws OperationException {
		String value = text == null ? "" : text.strip(); //$NON-NLS-1$
		try {
			long number = value.startsWith("0x") || value.startsWith("0X") //$NON-NLS-1$ //$NON-NLS-2$
					? Long.parseLong(value.substring(2), 16)
					: Long.parseLong(value);
			if (number >= 0 && number <= max && value.length() <= 18) {
				return number;
			}
		} catch (NumberFormatException e) {
			// reported below, with the value
		}
		throw new OperationException(NLS.bind(message, value));
	}

	/** A DfuSe address, decimal or 0x-hexadecimal, from 0 to {@code max}. */
	public static long address(String text, long max) throws OperationException {
		return number(text, max, Messages.SettingValues_badAddress);
	}
}
