package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardEvent.Kind;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.dfutools.eclipse.core.device.Reenumeration;

/** Pairing devices into boards, and the events that say so. */
class DeviceRegistryTest {

	private final DeviceRegistry registry = new DeviceRegistry();
	private final List<BoardEvent> events = new ArrayList<>();

	@BeforeEach
	void listen() {
		registry.addListener(events::add);
	}

	@Test
	void reenumerationOnTheSamePortIsOneBoard() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "A1"));
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.dfuMode("1-2", 6, 0x0002, "A1-DFU"));

		assertEquals(List.of(Kind.ADDED, Kind.REMOVED, Kind.ADDED), kinds());
		Board board = registry.boards().get(0);
		assertEquals(events.get(0).board().id(), board.id());
		assertEquals(Optional.of(new UsbId(0x1209, 0x0001)), board.runtimeId());
		assertEquals(Optional.of(new UsbId(0x1209, 0x0002)), board.dfuId());
	}

	@Test
	void anExpectedReenumerationKeepsTheBoardInPlaceWhileItIsOffTheBus() {
		registry.deviceArrived(Records.runtime("1-1", 4, 0x0010, "FIRST"));
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "A1"));
		registry.deviceArrived(Records.runtime("1-3", 6, 0x0011, "LAST"));
		String id = registry.boards().get(1).id();
		try (Reenumeration expected = registry.expectReenumeration(id)) {
			registry.deviceLeft(Records.location("1-2", 5));
			assertEquals(3, registry.boards().size(), "the board lost its place while off the bus");
			Board away = registry.boards().get(1);
			assertEquals(id, away.id());
			assertTrue(away.reenumerating());
			assertFalse(away.attached());
			assertEquals(List.of(Records.location("1-1", 4), Records.location("1-3", 6)), registry.attachedLocations());

			registry.deviceArrived(Records.dfuMode("1-2", 7, 0x0002, "A1-DFU"));
		}
		assertEquals(List.of(Kind.ADDED, Kind.ADDED, Kind.ADDED, Kind.CHANGED, Kind.CHANGED), kinds());
		Board back = registry.boards().get(1);
		assertEquals(id, back.id());
		assertTrue(back.attached());
		assertEquals(Optional.of(new UsbId(0x1209, 0x0001)), back.runtimeId());
		assertEquals(Optional.of(new UsbId(0x1209, 0x0002)), back.dfuId());
	}

	@Test
	void aBoardThatDoesNotComeBackLosesItsRowWhenTheLastExpectationEnds() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "A1"));
		String id = registry.boards().get(0).id();
		Reenumeration reboot = registry.expectReenumeration(id);
		Reenumeration flash = registry.expectReenumeration(id);
		registry.deviceLeft(Records.location("1-2", 5));
		reboot.close();
		reboot.close();
		assertEquals(1, registry.boards().size(), "another operation still expects the board back");
		flash.close();
		assertEquals(List.of(), registry.boards());
		assertEquals(List.of(Kind.ADDED, Kind.CHANGED, Kind.REMOVED), kinds());

		// It is still the same board when it turns up later.
		registry.deviceArrived(Records.dfuMode("1-2", 8, 0x0002, "A1-DFU"));
		assertEquals(id, registry.boards().get(0).id());
	}

	@Test
	void withoutAnExpectationAnUnpluggedBoardIsRemovedAtOnce() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "A1"));
		String id = registry.boards().get(0).id();
		registry.expectReenumeration(id).close();
		registry.deviceLeft(Records.location("1-2", 5));
		assertEquals(List.of(), registry.boards());
		assertEquals(List.of(Kind.ADDED, Kind.REMOVED), kinds());
	}

	@Test
	void withoutPortsAReenumeratingBoardIsFoundBySerial() {
		registry.deviceArrived(Records.runtime("1", 5, 0x0001, "SER"));
		String id = registry.boards().get(0).id();
		try (Reenumeration expected = registry.expectReenumeration(id)) {
			registry.deviceLeft(Records.location("1", 5));
			registry.deviceArrived(Records.dfuMode("1", 9, 0x0002, "SER"));
		}
		assertEquals(1, registry.boards().size());
		assertEquals(id, registry.boards().get(0).id());
		assertTrue(registry.boards().get(0).attached());
	}

	@Test
	void aBoardBackOnAnotherPortIsFoundBySerial() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "SER"));
		String id = registry.boards().get(0).id();
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.dfuMode("1-3", 9, 0x0002, "SER"));

		assertEquals(1, registry.boards().size());
		assertEquals(id, registry.boards().get(0).id());
	}

	/**
	 * A bootloader-only board left the port, an application board took it (and was paired with it: nothing tells
	 * them apart), and is rebooted into DFU mode: its DFU-mode ID is not the one remembered, but the reboot was
	 * expected, so it keeps the run-time identity it just showed.
	 */
	@Test
	void anExpectedReenumerationKeepsWhatTheBoardShowedAlthoughTheRememberedIdWasAnotherBoards() {
		registry.deviceArrived(Records.dfuMode("1-2", 5, 0x0df1, "ROM"));
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.runtime("1-2", 6, 0x00e6, "APP"));
		Board guessed = registry.boards().get(0);
		String id = guessed.id();
		assertTrue(guessed.otherModeGuessed(), "the bootloader's DFU mode is a guess for the board that took its port");
		assertEquals(Optional.empty(), guessed.knownDfuMode(), "a guess must not refuse a flash before the board is touched");
		try (Reenumeration expected = registry.expectReenumeration(id)) {
			registry.deviceLeft(Records.location("1-2", 6));
			registry.deviceArrived(Records.dfuMode("1-2", 7, 0x00e7, "APP"));
		}
		Board board = registry.boards().get(0);
		assertEquals(Optional.of(new UsbId(0x1209, 0x00e6)), board.runtimeId(), "the reboot lost the run-time identity");
		assertEquals(Optional.of(new UsbId(0x1209, 0x00e7)), board.dfuId());
		assertFalse(board.otherModeGuessed(), "the reboot showed both modes of this board");
	}

	@Test
	void anotherKindOfBoardOnTheSamePortForgetsTheOldOthersModeId() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, ""));
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.dfuMode("1-2", 6, 0x0002, ""));
		registry.deviceLeft(Records.location("1-2", 6));
		registry.deviceArrived(Records.runtime("1-2", 7, 0x0099, ""));

		Board board = registry.boards().get(0);
		assertEquals(Optional.of(new UsbId(0x1209, 0x0099)), board.runtimeId());
		assertEquals(Optional.empty(), board.dfuId(), "the DFU-mode ID belonged to the board that left");
	}

	@Test
	void clonesSharingASerialPairWithTheOneThatLeftLast() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "123456"));
		registry.deviceArrived(Records.runtime("1-3", 6, 0x0001, "123456"));
		String second = registry.boards().get(1).id();
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceLeft(Records.location("1-3", 6));
		registry.deviceArrived(Records.dfuMode("1-9", 7, 0x0002, "123456"));

		assertEquals(second, registry.boards().get(0).id());
	}

	@Test
	void devicesWithoutAKnownPortAreNotMergedByPort() {
		registry.deviceArrived(Records.runtime("1", 5, 0x0001, ""));
		registry.deviceArrived(Records.runtime("1", 6, 0x0001, ""));

		assertEquals(2, registry.boards().size());
	}

	@Test
	void identicalBoardsWithoutSerialStayDistinct() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, ""));
		registry.deviceArrived(Records.runtime("1-3", 6, 0x0001, ""));

		assertEquals(2, registry.boards().size());
		assertNotEquals(registry.boards().get(0).id(), registry.boards().get(1).id());
	}

	@Test
	void attachedBoardsWithTheSameSerialAreNotMerged() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "123456"));
		registry.deviceArrived(Records.runtime("1-3", 6, 0x0001, "123456"));

		assertEquals(2, registry.boards().size());
	}

	@Test
	void readingTheSameDeviceAgainIsAChange() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, ""));
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "LATE"));

		assertEquals(List.of(Kind.ADDED, Kind.CHANGED), kinds());
		assertEquals("LATE", registry.boards().get(0).device().serial());
	}

	@Test
	void leavingIsRemovalAndUnknownDevicesAreIgnored() {
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, ""));
		registry.deviceLeft(Records.location("1-7", 3));
		registry.deviceLeft(Records.location("1-2", 5));

		assertEquals(List.of(Kind.ADDED, Kind.REMOVED), kinds());
		assertTrue(registry.boards().isEmpty());
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		List<BoardEvent> second = new ArrayList<>();
		DeviceRegistry local = new DeviceRegistry();
		local.addListener(event -> {
			throw new IllegalStateException("listener bug (expected in this test)");
		});
		local.addListener(second::add);
		local.deviceArrived(Records.runtime("1-2", 5, 0x0001, ""));

		assertEquals(1, second.size());
	}

	private List<Kind> kinds() {
		return events.stream().map(BoardEvent::kind).toList();
	}
}
