package org.dfutools.eclipse.tests.dfuutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.dfuutil.DfuUtilOutput;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** dfu-util's streamed output, read from the real dfu-util against a simulated bootloader. */
class DfuUtilOutputTest {

	@TempDir
	Path folder;

	private final List<String> events = new ArrayList<>();
	private final DfuUtilOutput output = new DfuUtilOutput(new DfuUtilOutput.Listener() {
		@Override
		public void progress(String phase, int percent, long bytes) {
			events.add(phase + " " + percent + "% " + bytes);
		}

		@Override
		public void phaseDone(String phase) {
			events.add(phase + " done");
		}

		@Override
		public void line(String text) {
			lines.add(text);
		}
	});
	private final List<String> lines = new ArrayList<>();

	@Test
	@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
	void aRealDownloadReportsEveryBlockAndItsEnd() throws Exception {
		String port = UsbBench.attach("""
				{"name": "loader", "start_mode": "dfu", "runtime": null,
				 "dfu": {"pid": "0x00c1", "functional": {"attributes": "0x07", "transfer_size": 1024}, "alts": [{"name": "Flash"}]}}
				""");
		try {
			Path firmware = folder.resolve("fw.bin");
			Files.write(firmware, Firmware.image(10 * 1024, 1));
			Process dfuUtil = new ProcessBuilder("dfu-util", "-p", port, "-a", "0", "-D", firmware.toString())
					.redirectErrorStream(true).start();
			// Feed it in small pieces, as a console stream would.
			byte[] buffer = new byte[7];
			int read;
			while ((read = dfuUtil.getInputStream().read(buffer)) > 0) {
				output.accept(new String(buffer, 0, read));
			}
			output.finish();
			assertTrue(dfuUtil.waitFor(30, TimeUnit.SECONDS));
			assertEquals(0, dfuUtil.exitValue(), String.join("\n", events));
		} finally {
			UsbBench.detach(port);
		}
		// dfu-util 0.11 redraws before each 1 KiB block and once more at 100%: 0..10 KiB, 100%, done.
		assertEquals("Download 0% 0", events.get(0));
		assertTrue(events.contains("Download 45% 5120"), events.toString());
		assertEquals("Download 100% 10240", events.get(events.size() - 2));
		assertEquals("Download done", events.get(events.size() - 1));
		assertEquals(13, events.size(), events.toString());
		assertEquals("", output.lastError());
	}

	@Test
	void everyOtherLineIsPassedOnAsPrintedWithoutTheRedraws() {
		output.accept("dfu-util 0.11\n\nCopyright\tnotice\r\n");
		output.accept("\rDownload\t[=            ]   4%         1024 bytes\rDownload\t[=====");
		output.accept("========] 100%        2048 bytes\nDownload done.\nno line end");
		output.finish();
		assertEquals(List.of("dfu-util 0.11", "", "Copyright\tnotice", "Download done.", "no line end"), lines);
		assertEquals(List.of("Download 4% 1024", "Download 100% 2048", "Download done"), events);
	}

	@Test
	void theLastErrorIsKeptAndWarningsAreNot() {
		output.accept("dfu-util: Warning: Invalid DFU suffix signature\n");
		output.accept("dfu-util: A valid DFU suffix will be required in a future dfu-util release\n");
		output.accept("Opening DFU capable USB device...\ndfu-util: Cannot open DFU device 1209:0002");
		output.accept("\ndfu-util: No DFU capable USB device available\n");
		output.finish();
		assertEquals("No DFU capable USB device available", output.lastError());
		assertEquals(List.of(), events);
	}

	/**
	 * The board's own error status, which dfu-util 0.11 prints without its prefix after " failed!" (as it did for a file
	 * larger than the alt's memory): it is the error, and a status of 0 is not.
	 */
	@Test
	void theBoardsErrorStatusIsTheError() {
		output.accept("DFU state(2) = dfuIDLE, status(0) = No error condition is present\n");
		assertEquals("", output.lastError());
		output.accept("Download\t[=====    ]  20%  2048 bytes failed!\n");
		output.accept("DFU state(10) = dfuERROR, status(8) = Cannot program memory due to received address that is out of range\n");
		output.accept("dfu-util: Error during download get_status\n");
		output.finish();
		assertEquals("DFU state(10) = dfuERROR, status(8) = Cannot program memory due to received address that is out of range",
				output.lastError());
		assertTrue(output.boardError());
	}

	/** The two ways dfu-util makes a board leave DFU mode after a transfer, as dfu-util 0.11 prints them. */
	@Test
	void aFinalResetOrADfuSeLeaveAfterTheTransferIsNoted() {
		output.accept("Download done.\nFile downloaded successfully\nSubmitting leave request...\n"
				+ "dfu-util: Error during download get_status\n");
		assertTrue(output.transferDone() && output.resetAfterTransfer());
		assertEquals("Error during download get_status", output.lastError());
		DfuUtilOutput reset = new DfuUtilOutput(new DfuUtilOutput.Listener() {
			@Override
			public void progress(String phase, int percent, long bytes) {
				// only the facts count here
			}

			@Override
			public void phaseDone(String phase) {
				// only the facts count here
			}
		});
		reset.accept("Resetting USB to switch back to runtime mode\nDownload done.\n");
		assertTrue(reset.transferDone() && !reset.resetAfterTransfer(), "a reset before the transfer is not one after it");
		reset.accept("DFU state(8) = dfuMANIFEST-WAIT-RESET, status(0) = No error condition is present\n"
				+ "Resetting USB to switch back to runtime mode\nDone!\n");
		assertTrue(reset.resetAfterTransfer());
	}

	@Test
	void eraseAndUploadPhasesAreRecognised() {
		output.accept("\rErase   \t[=====                    ]  20%        16384 bytes\rErase    done.\n");
		output.accept("\rUpload\t[=========================] 100%         2048 bytes\nUpload done.\n");
		assertEquals(List.of("Erase 20% 16384", "Erase done", "Upload 100% 2048", "Upload done"), events);
	}

	@Test
	void garbageNeitherStopsTheReaderNorFillsMemoryNorReachesAMessageRaw() {
		// Numbers too large for any progress, an endless line, and an error line full of control characters.
		output.accept("\rDownload\t[=====] 99999999999999999999% 1 bytes\r");
		output.accept("Download\t[=====] 500% 99999999999999999999999 bytes\n");
		output.accept("x".repeat(3 * 4096 + 10));
		output.accept("\ndfu-util: \u001b[31mbad\u0007 " + "e".repeat(1000) + "\n");
		output.accept("\rDownload\t[=====] 500% 12 bytes\n");
		output.finish();
		assertEquals(List.of("Download 100% 12"), events, "only the last bar is progress, and at most 100%");
		assertTrue(lines.stream().allMatch(line -> line.length() <= 4096), "a line longer than the limit");
		assertEquals(3 * 4096 + 10, lines.stream().filter(line -> line.startsWith("x")).mapToInt(String::length).sum());
		String error = output.lastError();
		assertTrue(error.startsWith("?[31mbad? eee") && error.endsWith(" (cut)") && error.length() < 320, error);
	}
}
