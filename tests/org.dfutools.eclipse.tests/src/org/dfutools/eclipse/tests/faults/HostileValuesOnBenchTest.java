package org.dfutools.eclipse.tests.faults;

import static org.dfutools.eclipse.tests.faults.FaultBench.LIMIT;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertFailedWith;
import static org.dfutools.eclipse.tests.faults.FaultBench.launch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.tests.faults.FaultBench.Run;
import org.dfutools.eclipse.testsupport.FlashConfigurationBuilder;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch configuration is untrusted input (a launch file shared in a project is read like a typed one):
 * values with shell syntax, newlines or dfu-util options in them, given to the real chain and the real dfu-util,
 * cannot change which file is read or written, or which board is touched. The attributes are written straight
 * into the configuration, as a hand-edited launch file would carry them, with no dialog checking them first.
 */
@EnabledIfEnvironmentVariable(named = BenchLog.VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim --log")
class HostileValuesOnBenchTest {

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);

	@TempDir
	Path folder;

	private Path flashed;
	private String port;
	private String other;
	private long start;

	/** The board to flash and a second one that no hostile value may reach. */
	@BeforeEach
	void attachTwoBoards() throws Exception {
		flashed = folder.resolve("flash.bin");
		port = BENCH.get().attachAndAwait("""
				{"name": "target", "runtime": {"pid": "0x0250", "serial": "SEC-1"},
				 "dfu": {"pid": "0x0251", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flashed), LIMIT);
		other = BENCH.get().attachAndAwait("""
				{"name": "bystander", "runtime": {"pid": "0x0250", "serial": "SEC-2"},
				 "dfu": {"pid": "0x0251", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(folder.resolve("bystander.bin")), LIMIT);
		start = System.nanoTime();
	}

	@AfterEach
	void detachThem() throws Exception {
		FaultBench.removeIfPresent(BENCH.get(), port);
		FaultBench.removeIfPresent(BENCH.get(), other);
	}

	@Test
	void aFileNameFullOfShellSyntaxIsReadAsNamedAndRunsNothing() throws Exception {
		Path file = folder.resolve("fw; touch CANARY $(touch CANARY2) `touch CANARY3` -D other.bin -R & x.bin");
		byte[] image = Firmware.image(8192, 250);
		Files.write(file, image);
		Run run = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, "SEC-1"), file.toString(), ""),
				new NullProgressMonitor());
		assertNull(run.outcome().failure(), run::message);
		assertArrayEquals(image, Files.readAllBytes(flashed), "the board holds the named file");
		assertNoCanary();
		assertOnlyTouched(port);
		// With a newline the name could forge console lines: it is refused before anything runs.
		Path newline = Files.write(folder.resolve("fw\n-D other.bin"), image);
		Run refused = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, "SEC-1"), newline.toString(), ""),
				new NullProgressMonitor());
		assertFailedWith(refused, 2_000, "contains control characters");
	}

	@Test
	void aSerialWithOptionsOrShellSyntaxMatchesNoBoard() throws Exception {
		Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 251));
		// A comma separates the serials of several boards, each matched on its own: tested below.
		for (String serial : List.of("SEC-1 -D /etc/passwd", "SEC-1 -S SEC-2", "SEC-2\n-S SEC-1", "$(touch CANARY)", "-S",
				"SEC-*")) {
			Run run = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, serial), file.toString(), ""),
					new NullProgressMonitor());
			assertTrue(run.outcome().failure() != null, run::message);
			String message = run.outcome().failure().getMessage();
			assertTrue(message.contains("No attached board has serial number") || message.contains("control characters"),
					message);
		}
		assertNoCanary();
		assertOnlyTouched();
	}

	/** "SEC-1,SEC-2" names two boards: each is flashed on its own, and dfu-util never sees the two serials together. */
	@Test
	void aListOfSerialsIsTwoBoardsNeverOneDfuUtilArgument() throws Exception {
		Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 254));
		Run run = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, "SEC-1,SEC-2"), file.toString(), ""),
				new NullProgressMonitor());
		assertTrue(run.outcome().failure() == null, run::message);
		for (org.eclipse.debug.core.model.IProcess process : run.outcome().launch().getProcesses()) {
			org.dfutools.eclipse.testsupport.FlashLaunches.awaitTermination(process, java.time.Duration.ofSeconds(30));
			String console = process.getStreamsProxy().getOutputStreamMonitor().getContents();
			assertTrue(!console.contains("SEC-1,SEC-2") || console.contains("Flashing 2 boards"), console);
		}
		assertEquals(3, run.outcome().launch().getProcesses().length, "a summary and a process per board");
	}

	@Test
	void extraArgumentsMayNotRetargetTheFlash() throws Exception {
		Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 252));
		for (String extra : List.of("-d 1209:0250", "--device=1209:0250", "--dev 1209:0250", "-p 1-1", "--path=1-1",
				"-S SEC-2", "--serial SEC-2", "-n 2", "-a 1", "--alt=1", "-D /etc/passwd", "-vD /etc/passwd",
				"--download=/etc/passwd", "--down /etc/passwd", "-U /tmp/stolen.bin", "--upload /tmp/stolen.bin", "-s 0:leave",
				"--dfuse-address=0", "-R", "--reset", "-e", "--detach", "-l", "--list", "-t 1", "--transfer-size=1")) {
			Run run = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, "SEC-1"), file.toString(), extra),
					new NullProgressMonitor());
			assertFailedWith(run, 2_000, "is not allowed");
		}
		assertOnlyTouched();
	}

	@Test
	void shellSyntaxInExtraArgumentsReachesDfuUtilAsText() throws Exception {
		Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 253));
		Run run = launch(values(new BoardSelector(BoardSelector.Kind.SERIAL, "SEC-1"), file.toString(),
				"-v '$(touch CANARY)' ';' touch CANARY2 '|' touch CANARY3"), new NullProgressMonitor());
		// dfu-util itself refuses the stray words: exit status 64, and no shell ever saw them.
		assertFailedWith(run, 10_000, "exit status 64");
		assertNoCanary();
		assertOnlyTouched(port);
	}

	private FlashConfiguration values(BoardSelector board, String file, String extra) {
		return FlashConfigurationBuilder.of(board, file).extraArguments(extra).applicationTimeoutSeconds("5").build();
	}

	private void assertNoCanary() throws Exception {
		for (Path where : List.of(folder, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")))) {
			try (var files = Files.list(where)) {
				assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("CANARY")).toList(),
						"a shell ran in " + where);
			}
		}
	}

	/** Since the case started, only these ports saw a claim, a USB reset or a DFU request. */
	private void assertOnlyTouched(String... ports) throws Exception {
		assertEquals(List.of(ports), BenchLog.touchedPorts(start));
	}
}
