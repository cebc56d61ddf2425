package org.dfutools.eclipse.tests.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardEvent.Kind;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UdevRule;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.BoardEvents;
import org.dfutools.eclipse.testsupport.ClassBench;
import org.dfutools.eclipse.testsupport.UsbBench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry fed by the real USB backend (usb4java, libusb) from the simulated bench: what it lists,
 * hotplug, re-enumeration into DFU mode, and a device this user may not open.
 */
@EnabledIfEnvironmentVariable(named = UsbBench.CONTROL_VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim")
class DeviceRegistryOnBenchTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);
	/** GET_DESCRIPTOR of a string: descriptor type 3 in wValue's high byte (768 to 1023). */
	private static final Pattern STRING_REQUEST = Pattern.compile("\"bRequest\":6,.*\"wValue\":(7[6-9]\\d|8\\d\\d|9\\d\\d|10[0-2]\\d),");

	@RegisterExtension
	static final ClassBench BENCH = new ClassBench(true, LIMIT);

	private static DeviceRegistry registry;
	private static BoardEvents events;

	@BeforeAll
	static void aliasRegistryAndEvents() {
		registry = BENCH.get().registry;
		events = BENCH.get().events;
	}

	@Test
	void listsTheBenchsDefaultBoardWithItsDescriptors() {
		Board board = BENCH.get().boardAt("1-1");
		assertEquals(new UsbId(0x1209, 0x0001), board.device().id());
		assertEquals(DeviceMode.RUNTIME, board.mode());
		assertEquals("usbsim", board.device().manufacturer());
		assertEquals("Simulated DFU device", board.device().product());
		assertEquals("SIM0001", board.device().serial());
		assertEquals(List.of(), board.device().problems());
		DfuInterface dfu = board.device().primaryInterface().orElseThrow();
		assertEquals(0, dfu.interfaceNumber());
		assertEquals("DFU runtime", dfu.altSettings().get(0).name());
		FunctionalDescriptor functional = dfu.functional().orElseThrow();
		assertEquals(new FunctionalDescriptor(9, 0x07, 1000, 2048, 0x0110), functional);
		assertEquals(List.of("download", "upload", "manifest-tolerant"), functional.attributeWords());
	}

	/**
	 * The strings the kernel read at enumeration (sysfs) are not asked of the board again: a board that arrives costs no
	 * request on Linux (a flash sees its board twice). The name of an alt setting the kernel does not show (only the
	 * selected one's is in sysfs) is still read from the board.
	 */
	@Test
	void aBoardArrivesWithoutAStringRequestAndItsOtherAltNamesAreRead() throws Exception {
		long since = System.nanoTime();
		String port = UsbBench.attach("""
				{"name": "quiet", "start_mode": "dfu", "runtime": {"pid": "0x0012"},
				 "dfu": {"pid": "0x0013", "serial": "QUIET1", "product": "Quiet bootloader", "manufacturer": "Bench",
				         "alts": [{"name": "Flash"}, {"name": "Config"}]}}
				""");
		try {
			Board board = events.await(e -> e.kind() == Kind.ADDED && atPort(e, port), LIMIT, "ADDED on " + port).board();
			assertEquals(List.of("Bench", "Quiet bootloader", "QUIET1"),
					List.of(board.device().manufacturer(), board.device().product(), board.device().serial()));
			assertEquals(List.of("Flash", "Config"),
					board.device().primaryInterface().orElseThrow().altSettings().stream().map(AltSetting::name).toList());
			List<BenchLog.Event> afterConnect = BenchLog.events(port, since).stream()
					.dropWhile(e -> !e.name().equals("connect")).toList();
			List<String> stringRequests = afterConnect.stream()
					.filter(e -> e.name().equals("setup") && STRING_REQUEST.matcher(e.line()).find())
					.map(BenchLog.Event::line).toList();
			// String 0 (languages) and the other alt's name (index 5 here), nothing else.
			assertEquals(2, stringRequests.size(), () -> String.join("\n", stringRequests));
			assertTrue(stringRequests.get(1).contains("\"wValue\":773,"), stringRequests.get(1));
		} finally {
			events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void hotplugAttachAndDetachAreEvents() throws Exception {
		String port = UsbBench.attach("""
				{"name": "hotplugged", "runtime": {"vid": "0x0483", "pid": "0x5740", "serial": "HOT1",
				  "interfaces": [{"class": 2, "subclass": 2, "protocol": 1, "name": "CDC control"},
				                 {"class": 10, "name": "CDC data"}],
				  "functional": {"attributes": "0x0b", "detach_timeout": 255, "transfer_size": 2048, "version": "0x011a"}}}
				""");
		BoardEvent added = events.await(e -> e.kind() == Kind.ADDED && atPort(e, port), LIMIT, "ADDED on " + port);
		assertEquals(new UsbId(0x0483, 0x5740), added.board().device().id());
		FunctionalDescriptor functional = added.board().device().functional().orElseThrow();
		assertEquals(2, added.board().device().primaryInterface().orElseThrow().interfaceNumber());
		assertTrue(functional.isDfuSe() && functional.willDetach() && functional.canDownload(), functional.toString());

		UsbBench.detach(port);
		BoardEvent removed = events.await(e -> e.kind() == Kind.REMOVED && atPort(e, port), LIMIT, "REMOVED on " + port);
		assertEquals(added.board().id(), removed.board().id());
		assertTrue(registry.board(added.board().id()).isEmpty());
	}

	@Test
	void aBoardReenumeratingInDfuModeUnderAnotherIdStaysOneBoard() throws Exception {
		String port = UsbBench.attach("""
				{"name": "pairing", "runtime": {"pid": "0x0010", "serial": "PAIR1"},
				 "dfu": {"pid": "0x0011", "serial": "PAIR1-BOOT", "product": "Pairing bootloader",
				         "alts": [{"name": "Flash"}, {"name": "Config"}]}}
				""");
		Board runtime = events.await(e -> e.kind() == Kind.ADDED && atPort(e, port), LIMIT, "ADDED").board();
		try {
			Process detach = new ProcessBuilder("dfu-util", "-e", "-p", port).redirectErrorStream(true).start();
			assertTrue(detach.waitFor(30, TimeUnit.SECONDS), "dfu-util -e did not end");
			String output = new String(detach.getInputStream().readAllBytes());

			Board dfu = events.await(e -> e.kind() == Kind.ADDED && atPort(e, port), LIMIT,
					"the board back in DFU mode; dfu-util said: " + output).board();
			assertEquals(runtime.id(), dfu.id());
			assertEquals(DeviceMode.DFU, dfu.mode());
			assertEquals(Optional.of(new UsbId(0x1209, 0x0010)), dfu.runtimeId());
			assertEquals(Optional.of(new UsbId(0x1209, 0x0011)), dfu.dfuId());
			assertEquals(List.of("Flash", "Config"),
					dfu.device().primaryInterface().orElseThrow().altSettings().stream().map(AltSetting::name).toList());
			assertEquals(1, registry.boards().stream().filter(b -> b.id().equals(runtime.id())).count());
		} finally {
			events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	@Test
	void accessDeniedIsListedWithTheProblemAndTheRule() throws Exception {
		String port = UsbBench.attach("""
				{"name": "locked", "runtime": {"pid": "0x0020"}, "behaviour": {"open_error": "EACCES"}}
				""");
		try {
			Board board = events.await(e -> e.kind() == Kind.ADDED && atPort(e, port), LIMIT, "ADDED").board();
			assertTrue(board.device().hasProblem(DeviceProblem.Kind.ACCESS_DENIED), board.device().problems().toString());
			// The board cannot be asked for its strings, but Linux shows the ones it read at enumeration in sysfs.
			assertEquals("SIM0001", board.device().serial(), "the serial is not read from sysfs");
			assertEquals("Simulated DFU device", board.device().product(), "the name is not read from sysfs");
			assertTrue(board.device().functional().isPresent(), "descriptors are read without opening the device");
			String rule = UdevRule.forBoard(board);
			assertTrue(rule.contains("ATTR{idVendor}==\"1209\", ATTR{idProduct}==\"0020\", TAG+=\"uaccess\""), rule);
		} finally {
			events.detachAndAwaitRemoval(port, LIMIT);
		}
	}

	private static boolean atPort(BoardEvent event, String port) {
		return event.board().device().location().portPath().equals(port);
	}
}
