package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilExitStatus;
import org.dfutools.eclipse.core.dfuutil.ExtraArguments;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.save.SaveSettings;
import org.dfutools.eclipse.core.firmware.FirmwareException;
import org.dfutools.eclipse.core.firmware.SavedFirmware;
import org.dfutools.eclipse.tests.device.Records;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks a flash configuration passes before anything runs, and the dfu-util argument lists it gives. */
class FlashValuesTest {

	@TempDir
	Path folder;

	@ParameterizedTest
	@ValueSource(strings = { "-R", "-vR", "-d 1209:0001", "-p1-2", "--path=1-2", "--down x", "--reset", "-S x", "-a 1",
			"-U out.bin", "-s 0x0:leave", "-e", "-n 3", "-t 64", "--serial=abc", "--dfuse-addr=0" })
	void managedOptionsAreRefusedInExtraArguments(String extra) {
		DfuUtilException refused = assertThrows(DfuUtilException.class, () -> ExtraArguments.parse("-v " + extra));
		assertTrue(refused.getMessage().contains("is not allowed"), refused.getMessage());
	}

	@Test
	void extraArgumentsSplitLikeAShellButReachNone() throws Exception {
		assertEquals(List.of("-v", "-E", "3", "a b", "$(touch x);", "'q'"),
				ExtraArguments.parse(" -v  -E 3 'a b' \"$(touch x);\" \\'q\\' "));
		assertThrows(DfuUtilException.class, () -> ExtraArguments.parse("-v 'open"));
		assertThrows(DfuUtilException.class, () -> ExtraArguments.parse("-v \"two\nlines\""));
		assertEquals(List.of(), ExtraArguments.parse(""));
	}

	@Test
	void everyBadValueIsNamedBeforeAnythingRuns() throws Exception {
		Path file = Files.write(folder.resolve("fw.bin"), new byte[] { 1, 2, 3 });
		FlashConfiguration good = values(file.toString(), "0", "", "", "");
		assertEquals(file, FlashSettings.parse(good, text -> text).firmware());
		assertBad(values("", "0", "", "", ""), "Choose the firmware file");
		assertBad(values(folder.resolve("missing.bin").toString(), "0", "", "", ""), "does not exist");
		assertBad(values("relative.bin", "0", "", "", ""), "not an absolute path");
		assertBad(values(file.toString(), "256", "", "", ""), "is not an alt setting");
		assertBad(values(file.toString(), "-R", "", "", ""), "is not an alt setting");
		assertBad(values(file.toString(), "0", "0x1_0000_0000", "", ""), "is not a DfuSe address");
		assertBad(values(file.toString(), "0", "0x100000000", "", ""), "is not a DfuSe address");
		assertBad(values(file.toString(), "0", "", "70000", ""), "is not a transfer size");
		assertBad(values(file.toString(), "0", "", "0", ""), "is not a transfer size");
		assertBad(values(file.toString(), "0", "", "", "-D other.bin"), "is not allowed");
		assertBad(FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.USB_ID, "12:zz"), file).build(),
				"is not a USB ID");
		assertBad(FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.PORT, "1-2; reboot"), file).build(),
				"is not a USB port path");
		assertBad(FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, "A"), file)
				.applicationTimeoutSeconds("0").build(), "is not a timeout");
		// dfu-util reads -a with strtoul(..., 0): a whole C number is an index, in any base; anything else a name.
		assertEquals("1", FlashSettings.parse(values(file.toString(), "0x1", "", "", ""), text -> text).alt());
		assertEquals("8", FlashSettings.parse(values(file.toString(), "010", "", "", ""), text -> text).alt());
		assertEquals("255", FlashSettings.parse(values(file.toString(), "0xFF", "", "", ""), text -> text).alt());
		assertBad(values(file.toString(), "0x100", "", "", ""), "is not an alt setting");
		assertEquals("0x", FlashSettings.parse(values(file.toString(), "0x", "", "", ""), text -> text).alt());
		assertEquals("08", FlashSettings.parse(values(file.toString(), "08", "", "", ""), text -> text).alt());
		FlashSettings named = FlashSettings.parse(values(file.toString(), "@Internal Flash  /0x08000000/04*016Kg", "0x8000000", "1024", ""),
				text -> text);
		assertEquals("@Internal Flash  /0x08000000/04*016Kg", named.alt());
		assertEquals(Optional.of("0x08000000"), named.dfuseAddressText());
	}

	@Test
	void aFileNameFullOfShellSyntaxStaysOneArgument() throws Exception {
		Path file = Files.write(folder.resolve("fw; rm -rf $(x) `y` >z\".bin"), new byte[] { 1 });
		FlashSettings settings = FlashSettings.parse(values(file.toString(), "0", "", "", "-v"), text -> text);
		Board board = Records.board("1-4", DeviceMode.DFU, new UsbId(0x1209, 0x0091), "SER -R");
		List<String> command = DfuUtilCommand.download(Path.of("/usr/bin/dfu-util"), board, List.of(board), settings.dfuUtilOptions(), file, true).command();
		assertEquals(file.toString(), command.get(command.size() - 1));
		assertEquals("-D", command.get(command.size() - 2));
		assertEquals(",SER -R", command.get(command.indexOf("-S") + 1));
		assertEquals("1-4", command.get(command.indexOf("-p") + 1));
		assertEquals(1, command.stream().filter("-R"::equals).count(), command.toString());
	}

	@Test
	void theResetStatusCountsOnlyAfterACompletedTransfer() {
		assertTrue(new DfuUtilRun(251, "can't detach", 4096, true, true).succeeded());
		assertTrue(!new DfuUtilRun(251, "", 2048, false, false).succeeded());
		assertTrue(!new DfuUtilRun(74, "Lost device", 2048, true, true).succeeded());
		// Failed as the board left after a completed transfer: the board decides, not the status.
		assertTrue(new DfuUtilRun(74, "", 4096, true, true).failedAsTheBoardLeft());
		assertTrue(!new DfuUtilRun(74, "", 2048, false, true).failedAsTheBoardLeft(), "the transfer was not done");
		assertTrue(!new DfuUtilRun(74, "Lost device", 4096, true, false).failedAsTheBoardLeft(), "no reset or leave after it");
		assertTrue(!new DfuUtilRun(0, "", 4096, true, true).failedAsTheBoardLeft(), "it did not fail");
		String message = DfuUtilExitStatus.describe(new DfuUtilRun(74, "Error during download get_status", 2048, false, false));
		assertTrue(message.contains("exit status 74") && message.contains("input/output")
				&& message.contains("Error during download get_status"), message);
		String silent = DfuUtilExitStatus.describe(new DfuUtilRun(76, "", 0, false, false));
		assertEquals("dfu-util failed with exit status 76 (DFU protocol error: the board reported an error or answered out of "
				+ "turn); it printed no error line (its output is in the console).", silent);
	}

	@Test
	void aSelectorFindsOneBoardOrSaysWhyNot() throws Exception {
		Board a = Records.board("1-1", DeviceMode.RUNTIME, new UsbId(0x1209, 0x0001), "A");
		Board b = Records.board("1-2", DeviceMode.RUNTIME, new UsbId(0x1209, 0x0001), "B");
		assertEquals(b, new BoardSelector(BoardSelector.Kind.SERIAL, "B").select(List.of(a, b)));
		assertEquals(a, new BoardSelector(BoardSelector.Kind.PORT, "1-1").select(List.of(a, b)));
		OperationException several = assertThrows(OperationException.class,
				() -> new BoardSelector(BoardSelector.Kind.USB_ID, "1209:0001").select(List.of(a, b)));
		assertTrue(several.getMessage().contains("2 attached boards"), several.getMessage());
		OperationException none = assertThrows(OperationException.class,
				() -> new BoardSelector(BoardSelector.Kind.SERIAL, "C").select(List.of(a, b)));
		assertTrue(none.getMessage().contains("\"C\""), none.getMessage());
	}

	/** Several boards: each value selects one, every board with an ID selects all of them, and bad lists are named. */
	@Test
	void aSelectorOfSeveralBoardsFindsEachOrSaysWhichNot() throws Exception {
		Board a = Records.board("1-1", DeviceMode.RUNTIME, new UsbId(0x1209, 0x0001), "A");
		Board b = Records.board("1-2", DeviceMode.RUNTIME, new UsbId(0x1209, 0x0001), "B");
		Board c = Records.board("1-3", DeviceMode.RUNTIME, new UsbId(0x1209, 0x0002), "B");
		List<Board> attached = List.of(a, b, c);
		BoardSelector two = new BoardSelector(BoardSelector.Kind.PORT, "1-2, 1-1");
		assertTrue(two.many());
		assertEquals(List.of(b, a), two.selectAll(attached), "in the order of the values");
		assertEquals(List.of(a, b), new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID, "1209:0001").selectAll(attached));
		OperationException missing = assertThrows(OperationException.class,
				() -> new BoardSelector(BoardSelector.Kind.PORT, "1-1, 1-9").selectAll(attached));
		assertTrue(missing.getMessage().contains("USB port 1-9"), missing.getMessage());
		OperationException shared = assertThrows(OperationException.class,
				() -> new BoardSelector(BoardSelector.Kind.SERIAL, "A, B").selectAll(attached));
		assertTrue(shared.getMessage().contains("2 attached boards have serial number \"B\""), shared.getMessage());
		OperationException same = assertThrows(OperationException.class,
				() -> new BoardSelector(BoardSelector.Kind.SERIAL, "A, 1-1".replace("1-1", "A ")).selectAll(attached));
		assertTrue(same.getMessage().contains("is the board on 1-1, named already"), same.getMessage());
		assertTrue(new BoardSelector(BoardSelector.Kind.USB_ID, "1209:0002, 1209:0002").problem().orElseThrow().contains("named twice"));
		assertThrows(OperationException.class, () -> two.select(attached), "one board asked of several");
		assertEquals("1-2, 1-3", BoardSelector.of(List.of(b, c), attached).value(), "a shared serial: ports for all");
		assertEquals(BoardSelector.Kind.PORT, BoardSelector.of(List.of(b, c), attached).kind());
		assertEquals("A", BoardSelector.of(List.of(a), attached).value());
		assertEquals(java.util.Optional.of("Every board with an ID takes one VID:PID, not \"1209:0001, 1209:0002\"."),
				new BoardSelector(BoardSelector.Kind.EVERY_WITH_ID, "1209:0001, 1209:0002").problem());
		assertTrue(new BoardSelector(BoardSelector.Kind.PORT, "1-1,,1-2").problem().orElseThrow().contains("empty value"));
	}

	@Test
	void everyBadSaveValueIsNamedAndNothingIsWrittenOverHalfway() throws Exception {
		BoardSelector board = new BoardSelector(BoardSelector.Kind.SERIAL, "A");
		String file = folder.resolve("board.dfu").toString();
		assertBadSave(board, "", "", "", file, "Give the alt setting");
		assertBadSave(board, "0", "0x08000000", "", file, "Give the number of bytes to read from 0x08000000");
		assertBadSave(board, "0", "0x08000000", "0", file, "\"0\" is not a length");
		assertBadSave(board, "0", "0xFFFFFF00", "0x200", file, "reach past the 4 GiB address space");
		assertBadSave(board, "0", "", "", "", "Choose the file");
		assertBadSave(board, "0", "", "", "board.dfu", "is not an absolute path");
		assertBadSave(board, "0", "", "", folder.resolve("board.hex").toString(), "save as .bin");
		assertBadSave(board, "0", "", "", folder.resolve("missing/board.bin").toString(), "does not exist");
		Files.createDirectory(folder.resolve("folder.bin"));
		assertBadSave(board, "0", "", "", folder.resolve("folder.bin").toString(), "is a folder");
		SaveSettings good = SaveSettings.parse(board, "0x1", "0x08000000", "1024", file);
		assertEquals("1", good.alt(), "as dfu-util reads -a");
		assertEquals(SavedFirmware.Format.DFU, good.format());
		assertEquals(1024, good.length().getAsLong());

		// A move that fails (over a folder that is not empty; permissions do not stop root) leaves what was there.
		Path taken = Files.createDirectories(folder.resolve("taken.bin"));
		Files.writeString(taken.resolve("inside"), "before");
		assertThrows(FirmwareException.class, () -> SavedFirmware.write(taken, new byte[] { 1, 2, 3 }));
		assertEquals("before", Files.readString(taken.resolve("inside")), "a failed save leaves what was there");
		Path kept = Files.writeString(folder.resolve("kept.bin"), "before");
		SavedFirmware.write(kept, new byte[] { 1, 2, 3 });
		assertEquals(3, Files.size(kept));
		// A file that was there keeps its permissions; a link is written through; a long name still fits.
		Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
		SavedFirmware.write(kept, new byte[] { 4, 5 });
		assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
		Path link = Files.createSymbolicLink(folder.resolve("latest.bin"), kept);
		SavedFirmware.write(link, new byte[] { 6 });
		assertTrue(Files.isSymbolicLink(link));
		assertEquals(1, Files.size(kept), "written through the link");
		Path longName = folder.resolve("b".repeat(250) + ".bin");
		SavedFirmware.write(longName, new byte[] { 7 });
		assertEquals(1, Files.size(longName));
		try (var files = Files.list(folder)) {
			assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList(), "no partial file");
		}
	}

	private static void assertBadSave(BoardSelector board, String alt, String address, String length, String file, String expected) {
		OperationException bad = assertThrows(OperationException.class, () -> SaveSettings.parse(board, alt, address, length, file));
		assertTrue(bad.getMessage().contains(expected), bad.getMessage());
	}

	private static FlashConfiguration values(String firmware, String alt, String address, String transferSize,
			String extra) {
		return FlashConfigurationBuilder.of(new BoardSelector(BoardSelector.Kind.SERIAL, "A"), firmware).alt(alt)
				.dfuseAddress(address).transferSize(transferSize).extraArguments(extra).build();
	}

	private static void assertBad(FlashConfiguration values, String expected) {
		OperationException bad = assertThrows(OperationException.class, () -> FlashSettings.parse(values, text -> text));
		assertTrue(bad.getMessage().contains(expected), bad.getMessage());
	}
}
