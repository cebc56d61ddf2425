package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.FlashLaunches.Outcome;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DFU Flash launches, with the real dfu-util, on bootloaders that make dfu-util fail after a successful
 * download: the chain judges by the board (testbench/README.md, "Behaviours of real device stacks").
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceStacksFlashOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	/**
	 * TinyUSB's DFU class without bitManifestationTolerant, and a bootloader that claims it and waits for a reset
	 * anyway: dfu-util ends with "Resetting USB ... Done!" and status 74. From run-time mode and from DFU mode,
	 * with and without verify (which then needs a second visit to DFU mode).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "not-tolerant", "not-tolerant verify", "claims-tolerance", "claims-tolerance verify",
			"not-tolerant from-dfu" })
	void aBootloaderThatResetsAtTheEndOfTheDownloadIsASuccess(String variant) throws Exception {
		boolean verify = variant.contains("verify");
		boolean claims = variant.startsWith("claims");
		Path flash = folder.resolve("flash.bin");
		String port = BENCH.attach("""
				{"name": "%s", "start_mode": "%s",
				 "runtime": {"pid": "0x00b0", "serial": "NMT-1", "bcdDevice_after_update": "0x0102"},
				 "dfu": {"pid": "0x00b1", "functional": {"attributes": "%s", "detach_timeout": 255},
				   "alts": [{"name": "Flash", "output": "%s"}]},
				 "behaviour": {"manifest_wait_reset": %s}}
				""".formatted(variant, variant.contains("from-dfu") ? "dfu" : "runtime", claims ? "0x07" : "0x03", flash, claims));
		try {
			byte[] image = Firmware.image(24 * 1024, 17);
			Path file = Files.write(folder.resolve("app.bin"), image);
			Outcome outcome = launch(FlashConfigurationBuilder.of(bySerial("NMT-1"), file).verify(verify).build());
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertEquals(0, outcome.exitValue(), outcome.output());
			assertArrayEquals(image, Files.readAllBytes(flash));
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
			assertEquals(0x0102, BENCH.get().boardAt(port).device().bcdDevice(), "the board runs the new firmware");
			String console = outcome.output();
			assertTrue(console.contains("Resetting USB to switch back to runtime mode"), console);
			assertTrue(console.contains("dfu-util's status 74 was not an error"), console);
			if (verify) {
				assertTrue(console.contains("back into DFU mode to read the firmware back"), console);
				assertTrue(console.contains("Verified: the 24576 bytes read back equal the file."), console);
			}
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/** The STM32 ROM bootloader and GD32 parts: they start the application before they answer the leave's GETSTATUS. */
	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aDfuSeLeaveWithoutItsLastStatusIsASuccess(boolean verify) throws Exception {
		Path flash = folder.resolve("stm32.bin");
		String port = BENCH.attach("""
				{"name": "stm32-rom", "runtime": {"vid": "0x0483", "pid": "0x57b0", "serial": "ROM-1",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"}},
				 "dfu": {"vid": "0x0483", "pid": "0xdfb1", "serial": "FFFFFFFEFFFF",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"},
				   "alts": [{"name": "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg", "output": "%s"}]},
				 "behaviour": {"dfuse_leave": "no_status"}}
				""".formatted(flash));
		try {
			byte[] image = Firmware.image(20 * 1024, 18);
			Path file = Files.write(folder.resolve("app.bin"), image);
			Outcome outcome = launch(FlashConfigurationBuilder.of(bySerial("ROM-1"), file).dfuseAddress("0x08000000").verify(verify)
					.build());
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
			String console = outcome.output();
			assertTrue(console.contains("Error during download get_status"), console);
			assertTrue(console.contains("dfu-util's status 74 was not an error"), console);
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * Judged by the board means failed by the board too: one that resets and never comes back is a failure. Last:
	 * the registry pairs the next board on its port with it (as with a board that re-enumerates unannounced).
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void aBootloaderThatResetsAndNeverComesBackIsAFailureWithDfuUtilsLine() throws Exception {
		Path flash = folder.resolve("flash.bin");
		String port = BENCH.attach("""
				{"name": "lost-after-reset", "start_mode": "dfu", "runtime": {"pid": "0x00b2", "serial": "NMT-2"},
				 "dfu": {"pid": "0x00b3", "functional": {"attributes": "0x03"}, "alts": [{"name": "Flash", "output": "%s"}]},
				 "behaviour": {"never_reenumerate": true}}
				""".formatted(flash));
		try {
			Path file = Files.write(folder.resolve("app.bin"), Firmware.image(8 * 1024, 19));
			Outcome outcome = launch(FlashConfigurationBuilder.of(bySerial("NMT-2"), file).applicationTimeoutSeconds("2").build());
			assertNotNull(outcome.failure(), outcome.output());
			String message = outcome.failure().getMessage();
			assertTrue(message.contains("dfu-util exited with status 74 after the transfer was done"), message);
			assertTrue(message.contains("did not come back in run-time mode within 2 s"), message);
			assertTrue(message.contains("not on the bus"), message);
		} finally {
			// Its row goes when the chain lets go: the next board on this port is another board.
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static BoardSelector bySerial(String serial) {
		return new BoardSelector(BoardSelector.Kind.SERIAL, serial);
	}

	private static Outcome launch(FlashConfiguration values) throws Exception {
		return FlashLaunches.run(FlashLaunches.configuration("stacks", values), new NullProgressMonitor(), LIMIT);
	}}
