package org.dfutools.eclipse.tests.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.dfutools.eclipse.core.serial.ReceivedText;
import org.junit.jupiter.api.Test;

/** A board's bytes as console text: characters cut between reads, bytes that are not UTF-8, timestamps per line. */
class ReceivedTextTest {

	@Test
	void aCharacterCutBetweenTwoReadsIsWholeInTheText() {
		ReceivedText text = new ReceivedText();
		byte[] bytes = "25 °C\n".getBytes(StandardCharsets.UTF_8);
		int cut = 4; // inside the two bytes of the degree sign
		String first = text.text(bytes, cut);
		String second = text.text(Arrays.copyOfRange(bytes, cut, bytes.length), bytes.length - cut);
		assertEquals("25 ", first);
		assertEquals("°C\n", second);
		assertTrue(text.atLineStart());
	}

	@Test
	void bytesThatAreNotUtf8BecomeTheReplacementCharacter() {
		ReceivedText text = new ReceivedText();
		assertEquals("a\uFFFDb", text.text(new byte[] { 'a', (byte) 0xFF, 'b' }, 3));
		assertFalse(text.atLineStart());
	}

	@Test
	void timestampsStartEachLineWhenAsked() {
		ReceivedText text = new ReceivedText();
		assertEquals("boot\n", text.text("boot\n".getBytes(StandardCharsets.UTF_8), 5));
		text.timestamps(true);
		String stamped = text.text("one\ntw".getBytes(StandardCharsets.UTF_8), 6) + text.text("o\n".getBytes(StandardCharsets.UTF_8), 2);
		assertTrue(Pattern.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d one\n\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d two\n", stamped), stamped);
	}
}
