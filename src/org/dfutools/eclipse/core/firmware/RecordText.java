package org.dfutools.eclipse.core.firmware;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.osgi.util.NLS;

/** The hexadecimal text that Intel HEX and S-record lines carry, and the errors that name their line. */
final class RecordText {

	private RecordText() {
	}

	/** The file's lines, whatever ends them; bytes beyond ASCII stay characters of their own, to be refused. */
	static String[] lines(byte[] content) {
		String text = new String(content, StandardCharsets.ISO_8859_1);
		// One character to split on takes String.split's fast path; a CR before it is stripped with the line.
		return text.split(text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n", -1); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The bytes of a record line after its start character (and, for S-records, its type digit). */
	static byte[] bytes(Path file, int line, String text, char start) throws FirmwareException {
		if (text.charAt(0) != start) {
			throw bad(file, line, NLS.bind(Messages.Record_badStart, Character.valueOf(start)));
		}
		int from = start == 'S' ? 2 : 1;
		if (text.length() < from || (text.length() - from) % 2 != 0) {
			throw bad(file, line, Messages.Record_oddDigits);
		}
		byte[] bytes = new byte[(text.length() - from) / 2];
		for (int index = 0; index < bytes.length; index++) {
			int high = Character.digit(text.charAt(from + 2 * index), 16);
			int low = Character.digit(text.charAt(from + 2 * index + 1), 16);
			if (high < 0 || low < 0) {
				throw bad(file, line, Messages.Record_notHex);
			}
			bytes[index] = (byte) (high << 4 | low);
		}
		return bytes;
	}

	static FirmwareException bad(Path file, int line, String what) {
		return new FirmwareException(NLS.bind(Messages.Record_bad, new Object[] { file.getFileName(), Integer.valueOf(line), what }));
	}
}
