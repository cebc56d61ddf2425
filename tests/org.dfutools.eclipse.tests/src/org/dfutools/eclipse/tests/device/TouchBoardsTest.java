package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.device.UsbId;
import org.junit.jupiter.api.Test;

/** The list of boards that enter DFU mode by the 1200-baud touch, as the preference holds it. */
class TouchBoardsTest {

	@Test
	void theArduinoMbedBoardsAreBuiltIn() {
		TouchBoards builtIn = TouchBoards.builtIn();
		assertTrue(builtIn.contains(new UsbId(0x2341, 0x025b)), "Portenta H7");
		assertTrue(builtIn.contains(new UsbId(0x2341, 0x025f)), "Nicla Vision");
		assertTrue(builtIn.contains(new UsbId(0x35d1, 0x0064)), "Opta");
		assertFalse(builtIn.contains(new UsbId(0x2341, 0x035b)), "the Portenta's bootloader is no touch board");
	}

	@Test
	void listedIdsAreAddedInAnySpellingOfHex() {
		TouchBoards boards = TouchBoards.withListed(" 1209:0022, 0x2341:0x0266\tCAFE:1 ");
		assertTrue(boards.contains(new UsbId(0x1209, 0x0022)));
		assertTrue(boards.contains(new UsbId(0x2341, 0x0266)));
		assertTrue(boards.contains(new UsbId(0xcafe, 0x0001)));
		assertTrue(boards.contains(new UsbId(0x2341, 0x025b)), "the built-in ones stay");
		assertEquals(List.of(), TouchBoards.parse("  "));
	}

	@Test
	void anEntryThatIsNoIdIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TouchBoards.parse("1209:0022, portenta"));
		assertEquals("\"portenta\" is not a USB ID: write VID:PID in hexadecimal, such as 2341:025b.", e.getMessage());
	}
}
