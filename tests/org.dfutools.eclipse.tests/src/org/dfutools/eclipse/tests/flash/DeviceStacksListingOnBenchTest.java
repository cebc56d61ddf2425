package org.dfutools.eclipse.tests.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dfutools.eclipse.testsupport.HeldReboot;
import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.dfu.DetachResult;
import org.dfutools.eclipse.core.dfu.RebootToDfu;
import org.dfutools.eclipse.core.dfuutil.DfuUtilArguments;
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

/**
 * How boards built on real device stacks are listed, paired and targeted, through usb4java, libusb and the real
 * dfu-util (testbench/README.md, "Behaviours of real device stacks").
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
// Boards plugged into the port another board left are paired with it when nothing tells them apart (a board
// seen in one mode only, back in the other): the boards that start in run-time mode come first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceStacksListingOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(30);
	private static final String LAYOUT = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	/** Arduino UNO R4, Black Magic Probe: an IAD, CDC class descriptors, the DFU run-time interface at 2 of 4. */
	@Test
	@Order(1)
	void aCompositeBoardIsListedDetachedAtItsDfuInterfaceAndFlashed() throws Exception {
		Path flash = folder.resolve("composite.bin");
		String port = BENCH.attach("""
				{"name": "composite", "runtime": {"pid": "0x00c0", "serial": "COMP-C0",
				   "device_class": "0xef", "device_subclass": 2, "device_protocol": 1,
				   "interfaces": [
				     {"class": 2, "subclass": 2, "protocol": 1, "name": "CDC control", "association": {"count": 2},
				      "extra": "0524001001 0524010001 04240202 0524060001",
				      "endpoints": [{"address": "0x83", "type": "interrupt", "max_packet": 16, "interval": 16}]},
				     {"class": 10, "name": "CDC data", "endpoints": [{"address": "0x81"}, {"address": "0x01"}]},
				     {"dfu": true},
				     {"class": "0xff", "name": "Vendor", "association": {"count": 1}}]},
				 "dfu": {"pid": "0x00c1", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flash));
		try {
			Board board = BENCH.get().boardAt(port);
			assertEquals(DeviceMode.RUNTIME, board.mode());
			assertEquals(List.of(), board.device().problems());
			assertEquals(2, board.device().primaryInterface().orElseThrow().interfaceNumber());
			assertEquals(Optional.of(0x07), board.device().functional().map(FunctionalDescriptor::attributes));
			byte[] image = Firmware.image(16 * 1024, 20);
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "COMP-C0"), image, "0", "");
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Files.readAllBytes(flash));
			assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * Zephyr's stack: the same VID:PID in both modes and another serial in DFU mode. With a DFU 1.0 functional
	 * descriptor that is not in the configuration (read with GET_DESCRIPTOR, as dfu-util does) and an alt
	 * setting without a name.
	 */
	@Test
	@Order(2)
	void aBoardWithOneIdAFunctionalDescriptorOutsideItsConfigurationAndAnUnnamedAltIsFollowedAndFlashed() throws Exception {
		Path flash = folder.resolve("same-id.bin");
		String port = BENCH.attach("""
				{"name": "same-id", "runtime": {"pid": "0x00c2", "serial": "ZEPHYR-C2", "functional_in_configuration": false,
				   "functional": {"attributes": "0x07", "detach_timeout": 400, "transfer_size": 256, "version": null}},
				 "dfu": {"pid": "0x00c2", "serial": "ZEPHYR-C2-DFU", "functional_in_configuration": false,
				   "alts": [{"name": null, "output": "%s"}, {"name": "image-1"}]}}
				""".formatted(flash));
		try {
			Board board = BENCH.get().boardAt(port);
			assertEquals(List.of(), board.device().problems());
			FunctionalDescriptor functional = board.device().functional().orElseThrow();
			assertEquals(400, functional.detachTimeoutMs());
			assertTrue(functional.isDfu10(), functional.toString());
			DetachResult result = new HeldReboot(BENCH.get().service, Duration.ofSeconds(2)).run(board, new NullProgressMonitor());
			Board inDfu = result.board();
			assertEquals(board.id(), inDfu.id());
			assertEquals(DeviceMode.DFU, inDfu.mode());
			assertEquals(Optional.of(new UsbId(0x1209, 0x00c2)), inDfu.dfuId());
			assertEquals("ZEPHYR-C2-DFU", inDfu.device().serial());
			DfuInterface dfu = inDfu.device().primaryInterface().orElseThrow();
			assertEquals(List.of("", "image-1"), dfu.altSettings().stream().map(AltSetting::name).toList());
			assertTrue(inDfu.device().functional().isPresent(), "the DFU-mode functional descriptor was not read");
			byte[] image = Firmware.image(4096, 21);
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "ZEPHYR-C2"), image, "0", "");
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Files.readAllBytes(flash));
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * A DfuSe bootloader that says bInterfaceProtocol 0 in DFU mode is in DFU mode, as dfu-util takes it; its
	 * sector erase asks for 2.5 s of bwPollTimeout, which no bound of the chain cuts short.
	 */
	@Test
	@Order(3)
	void aDfuSeBootloaderWithProtocolZeroAndASlowEraseIsFlashed() throws Exception {
		Path flash = folder.resolve("p0.bin");
		String port = BENCH.attach("""
				{"name": "protocol-0", "start_mode": "dfu", "runtime": {"pid": "0x00c4", "serial": "P0-C4"},
				 "dfu": {"pid": "0x00c5", "interface_protocol": 0, "erase_poll_timeout": 2500,
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"},
				   "alts": [{"name": "%s", "output": "%s"}]}}
				""".formatted(LAYOUT, flash));
		try {
			Board board = BENCH.get().boardAt(port);
			assertEquals(DeviceMode.DFUSE, board.mode());
			assertEquals(List.of(), board.device().problems(), "protocol 0 is no problem for DfuSe");
			byte[] image = Firmware.image(8 * 1024, 22);
			List<String> statuses = new CopyOnWriteArrayList<>();
			Runnable statusSeen = () -> statuses.add(BENCH.get().service.busyBoards().status(board.id()).orElse("free"));
			BENCH.get().service.busyBoards().addListener(statusSeen);
			long start = System.nanoTime();
			Outcome outcome;
			try {
				outcome = launch(new BoardSelector(BoardSelector.Kind.SERIAL, "P0-C4"), image, "0", "0x08000000");
			} finally {
				BENCH.get().service.busyBoards().removeListener(statusSeen);
			}
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertEquals(List.of("Flash: checking...", "Flashing...", "Flash: erasing...", "Flashing...", "free"),
					statuses, "the row while the sector is erased");
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(flash), image.length));
			assertTrue(millis >= 2500, "the erase was not waited for: " + millis + " ms");
			assertTrue(outcome.output().contains("Erase"), outcome.output());
		} finally {
			BENCH.get().events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	/**
	 * The STM32 ROM bootloader reports "FFFFFFFEFFFF" on every chip: two of them are two rows, each flashed by its
	 * port, and dfu-util is never given a serial that the other board has too.
	 */
	@Test
	@Order(4)
	void twoRomBootloadersWithOneSerialAreToldApartByPort() throws Exception {
		Path first = folder.resolve("rom-1.bin");
		Path second = folder.resolve("rom-2.bin");
		String spec = """
				{"name": "stm32-rom", "runtime": null,
				 "dfu": {"vid": "0x0483", "pid": "0xdf11", "serial": "FFFFFFFEFFFF",
				   "functional": {"attributes": "0x0b", "detach_timeout": 255, "version": "0x011a"},
				   "alts": [{"name": "%s", "output": "%s"}]},
				 "behaviour": {"dfuse_leave": "no_status"}}
				""";
		String portA = BENCH.attach(spec.formatted(LAYOUT, first));
		String portB = BENCH.attach(spec.formatted(LAYOUT, second));
		try {
			Board a = BENCH.get().boardAt(portA);
			Board b = BENCH.get().boardAt(portB);
			assertFalse(a.id().equals(b.id()), "two boards, one row");
			List<String> arguments = DfuUtilArguments.selection(a, BENCH.get().registry.boards());
			assertTrue(arguments.containsAll(List.of("-p", portA)), arguments.toString());
			assertFalse(arguments.contains("-S"), "a serial the other board has too: " + arguments);
			byte[] image = Firmware.image(8 * 1024, 23);
			Files.write(second, new byte[0]);
			Outcome outcome = launch(new BoardSelector(BoardSelector.Kind.PORT, portA), image, "0", "0x08000000");
			assertNull(outcome.failure(), () -> outcome.failure().getMessage() + "\n" + outcome.output());
			assertArrayEquals(image, Arrays.copyOf(Files.readAllBytes(first), image.length));
			assertEquals(0, Files.size(second), "the other board was written");
			assertFalse(outcome.output().contains("-S ,FFFFFFFEFFFF"), outcome.output());
			assertTrue(outcome.output().contains("the board left DFU mode") && outcome.output().contains("Leave DFU mode"),
					outcome.output());
		} finally {
			UsbBench.detach(portA);
			UsbBench.detach(portB);
		}
	}

	private Outcome launch(BoardSelector board, byte[] image, String alt, String address) throws Exception {
		Path file = Files.write(folder.resolve("app-" + System.nanoTime() + ".bin"), image);
		FlashConfiguration values = FlashConfigurationBuilder.of(board, file).alt(alt).dfuseAddress(address).waitForApplication(false)
				.build();
		return FlashLaunches.run(FlashLaunches.configuration("listing", values), new NullProgressMonitor(), LIMIT);
	}}
