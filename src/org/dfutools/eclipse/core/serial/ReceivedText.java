package org.dfutools.eclipse.core.serial;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * What a board sends, as text for a console: UTF-8 decoded across reads (a character may come in two), bytes that
 * are not UTF-8 shown as the replacement character, and, when asked, each line started with the time it began
 * arriving. Not thread-safe: one reader feeds it.
 */
public final class ReceivedText {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss.SSS "); //$NON-NLS-1$

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
	private final Supplier<LocalTime> clock;
	/** The bytes of a character cut in two by the reads, kept for the next read. */
	private ByteBuffer carried = ByteBuffer.allocate(0);
	private boolean atLineStart = true;
	private volatile boolean timestamps;

	public ReceivedText() {
		this(LocalTime::now);
	}

	ReceivedText(Supplier<LocalTime> clock) {
		this.clock = clock;
	}

	public void timestamps(boolean on) {
		timestamps = on;
	}

	public boolean timestamps() {
		return timestamps;
	}

	/** Whether the text given so far ends a line (a line of the monitor's own then needs no newline first). */
	public boolean atLineStart() {
		return atLineStart;
	}

	/** The text of these bytes, with the bytes of a character cut in two kept for the next call. */
	public String text(byte[] bytes, int length) {
		ByteBuffer in = ByteBuffer.allocate(carried.remaining() + length);
		in.put(carried).put(bytes, 0, length).flip();
		CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
		decoder.decode(in, out, false);
		carried = in.slice();
		out.flip();
		return stamped(out.toString());
	}

	private String stamped(String text) {
		if (text.isEmpty()) {
			return text;
		}
		boolean stamp = timestamps;
		StringBuilder result = new StringBuilder(text.length() + 16);
		for (int index = 0; index < text.length(); index++) {
			char c = text.charAt(index);
			if (atLineStart && stamp && c != '\n') {
				result.append(STAMP.format(clock.get()));
			}
			result.append(c);
			atLineStart = c == '\n';
		}
		return result.toString();
	}
}
