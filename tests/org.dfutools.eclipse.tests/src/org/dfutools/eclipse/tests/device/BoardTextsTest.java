package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.dfuutil.DfuUtilArguments;
import org.dfutools.eclipse.core.device.UdevRule;
import org.junit.jupiter.api.Test;

/** The dfu-util arguments and the udev rule made for a board. */
class BoardTextsTest {

	@Test
	void runtimeBoardWithUnknownDfuIdsGetsItsRuntimeIdAndPort() {
		// dfu-util: run-time IDs alone also consider any device in DFU mode, which the port pins to this board.
		Board board = only(Records.runtime("1-2", 5, 0x0001, "A1"));
		assertEquals(List.of("-d", "1209:0001", "-p", "1-2"), DfuUtilArguments.forBoard(board, List.of(board)));
	}

	@Test
	void boardSeenInBothModesGetsBothIdsSerialAndAlt() {
		DeviceRegistry registry = new DeviceRegistry();
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "A1"));
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.dfuMode("1-2", 6, 0x0002, "A1"));
		Board board = registry.boards().get(0);

		assertEquals(List.of("-d", "1209:0001,1209:0002", "-p", "1-2", "-S", ",A1", "-a", "0"),
				DfuUtilArguments.forBoard(board, List.of(board)));
	}

	@Test
	void boardOnlySeenInDfuModeMatchesDfuModeOnly() {
		Board board = only(Records.dfuMode("3-1.4", 6, 0x0002, ""));
		assertEquals(List.of("-d", ",1209:0002", "-p", "3-1.4", "-a", "0"), DfuUtilArguments.forBoard(board, List.of(board)));
	}

	@Test
	void commandLineQuotesWhatAShellWouldSplit() {
		assertEquals("-S 'my board' -p 1-2", DfuUtilArguments.asCommandLine(List.of("-S", "my board", "-p", "1-2")));
		assertEquals("-S 'it'\\''s'", DfuUtilArguments.asCommandLine(List.of("-S", "it's")));
	}

	@Test
	void udevRuleNamesBothModesAndGivesAccessToTheSeatUserOnly() {
		DeviceRegistry registry = new DeviceRegistry();
		registry.deviceArrived(Records.runtime("1-2", 5, 0x0001, "",
				new DeviceProblem(DeviceProblem.Kind.ACCESS_DENIED, "denied")));
		registry.deviceLeft(Records.location("1-2", 5));
		registry.deviceArrived(Records.dfuMode("1-2", 6, 0x0002, ""));
		String rule = UdevRule.forBoard(registry.boards().get(0));

		assertTrue(rule.contains("ATTR{idVendor}==\"1209\", ATTR{idProduct}==\"0001\", TAG+=\"uaccess\""), rule);
		assertTrue(rule.contains("ATTR{idVendor}==\"1209\", ATTR{idProduct}==\"0002\", TAG+=\"uaccess\""), rule);
		assertEquals(2, rule.lines().filter(line -> line.startsWith("SUBSYSTEM==")).count(), rule);
		assertFalse(rule.contains("MODE"), "never world-writable: " + rule);
	}

	@Test
	void aHostileProductNameCannotAddLinesToTheRule() {
		Board board = only(new org.dfutools.eclipse.core.device.DfuDeviceRecord(Records.location("1-2", 5),
				new org.dfutools.eclipse.core.device.UsbId(0x1209, 0x0001), 0x0100, "",
				"x\nSUBSYSTEM==\"usb\", RUN+=\"/bin/sh -c id\"", "", org.dfutools.eclipse.core.device.DeviceMode.RUNTIME,
				Records.runtime("1-2", 5, 1, "").dfuInterfaces(), List.of()));
		String rule = UdevRule.forBoard(board);
		assertEquals(1, rule.lines().filter(line -> line.startsWith("SUBSYSTEM==")).count(), rule);
		assertEquals(2, rule.lines().count(), "one comment line and one rule line: " + rule);
		assertTrue(rule.lines().allMatch(line -> line.startsWith("# ") || line.startsWith("SUBSYSTEM==\"usb\", ATTR{idVendor}")), rule);
	}

	private static Board only(org.dfutools.eclipse.core.device.DfuDeviceRecord device) {
		DeviceRegistry registry = new DeviceRegistry();
		registry.deviceArrived(device);
		return registry.boards().get(0);
	}
}
