package org.dfutools.eclipse.tests.faults;

import static org.dfutools.eclipse.tests.faults.FaultBench.LIMIT;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertFailedWith;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertNothingLeft;
import static org.dfutools.eclipse.tests.faults.FaultBench.flash;
import static org.dfutools.eclipse.tests.faults.FaultBench.launch;
import static org.dfutools.eclipse.tests.faults.FaultBench.removeIfPresent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.FakeDfuUtil;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.tests.faults.FaultBench.Run;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite, dfu-util side: an executable in dfu-util's place that is missing, not executable, hangs,
 * fails with each of dfu-util's exit statuses or prints garbage; and a firmware file deleted or replaced
 * between its check and the download (the real dfu-util). Each case ends within its bound with its own
 * message and leaves nothing behind.
 */
@EnabledIfEnvironmentVariable(named = BenchLog.VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim --log")
class DfuUtilFaultsOnBenchTest {

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);
	private final IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);

	@TempDir
	Path folder;

	private Leaks.Snapshot before;
	private String port;
	private String boardId;

	@BeforeEach
	void attachABoard() throws Exception {
		before = Leaks.snapshot();
		port = BENCH.get().attachAndAwait("""
				{"name": "tool", "runtime": {"pid": "0x0240", "serial": "TOOL-F"}, "dfu": {"pid": "0x0241"}}
				""", LIMIT);
		boardId = BENCH.get().boardAt(port).id();
	}

	@AfterEach
	void detachTheBoard() throws Exception {
		preferences.remove(DfuPreferences.DFU_UTIL_PATH);
		preferences.remove(DfuPreferences.DFU_UTIL_LIMIT_SECONDS);
		removeIfPresent(BENCH.get(), port);
	}

	@Test
	void missingIsNamedBeforeTheBoardIsTouched() throws Exception {
		preferences.put(DfuPreferences.DFU_UTIL_PATH, folder.resolve("gone/dfu-util").toString());
		Run run = launch(flash("TOOL-F", image(), 5), new NullProgressMonitor());
		assertFailedWith(run, 2_000, "dfu-util was not found at", "gone/dfu-util");
		assertUntouched();
		assertNothingLeft(before, boardId);
	}

	@Test
	void notExecutableIsNamedBeforeTheBoardIsTouched() throws Exception {
		Path tool = fake("exit 0");
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rw-r--r--"));
		preferences.put(DfuPreferences.DFU_UTIL_PATH, tool.toString());
		Run run = launch(flash("TOOL-F", image(), 5), new NullProgressMonitor());
		assertFailedWith(run, 2_000, "is not executable", tool.toString());
		assertUntouched();
		assertNothingLeft(before, boardId);
	}

	@Test
	void eachFailingExitStatusIsExplainedAndQuoted() throws Exception {
		Map<Integer, String> meanings = Map.of(64, "usage or file error", 65, "bad file data", 74, "input/output error",
				76, "DFU protocol error");
		for (int status : List.of(64, 65, 74, 76)) {
			preferences.put(DfuPreferences.DFU_UTIL_PATH,
					fake("echo 'dfu-util: simulated failure " + status + "' >&2; exit " + status).toString());
			Run run = launch(flash("TOOL-F", image(), 5), new NullProgressMonitor());
			assertFailedWith(run, 5_000, "exit status " + status + " (" + meanings.get(status),
					"dfu-util said: simulated failure " + status + ".", "left in DFU mode");
		}
		assertNothingLeft(before, boardId);
	}

	@Test
	void garbageOutputIsQuotedShortAndPrintable() throws Exception {
		preferences.put(DfuPreferences.DFU_UTIL_PATH, fake("""
				head -c 300000 /dev/urandom
				printf '\\nDownload\\t[=====] 99999999999999999999%% 1 bytes\\r'
				printf 'dfu-util: \\033[31mgarbage\\007 %0500d\\n' 7 >&2
				exit 74""").toString());
		Run run = launch(flash("TOOL-F", image(), 5), new NullProgressMonitor());
		assertFailedWith(run, 10_000, "exit status 74", "dfu-util said: ?[31mgarbage? 000");
		String message = run.outcome().failure().getMessage();
		assertTrue(message.length() < 700, () -> message.length() + " characters: " + message);
		assertFalse(message.chars().anyMatch(Character::isISOControl), message);
		assertNothingLeft(before, boardId);
	}

	@Test
	void hangingIsKilledWhenTheLaunchIsCancelled() throws Exception {
		// It ignores SIGTERM: only the kill after the grace period stops it.
		preferences.put(DfuPreferences.DFU_UTIL_PATH,
				fake("echo 'Opening DFU capable USB device...'; trap '' TERM; exec sleep 600").toString());
		NullProgressMonitor monitor = new NullProgressMonitor();
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		Runnable cancelSoonAfterTheStart = () -> {
			if (BENCH.get().service.busyBoards().status(boardId).filter("Flashing..."::equals).isPresent()) {
				timer.schedule(() -> monitor.setCanceled(true), 300, TimeUnit.MILLISECONDS);
			}
		};
		BENCH.get().service.busyBoards().addListener(cancelSoonAfterTheStart);
		Run run;
		try {
			run = launch(flash("TOOL-F", image(), 5), monitor);
		} finally {
			BENCH.get().service.busyBoards().removeListener(cancelSoonAfterTheStart);
			timer.shutdownNow();
		}
		assertNull(run.outcome().failure(), "a cancel is not an error dialog");
		assertEquals(130, run.outcome().exitValue());
		assertTrue(run.outcome().errors().contains("dfu-util was stopped") && run.outcome().errors().contains("left in DFU mode"),
				run::message);
		assertTrue(run.millis() < 10_000, "took " + run.millis() + " ms");
		assertTrue(timer.awaitTermination(5, TimeUnit.SECONDS));
		assertNothingLeft(before, boardId);
	}

	@Test
	void hangingIsKilledAtTheLongestRunAllowed() throws Exception {
		preferences.put(DfuPreferences.DFU_UTIL_PATH, fake("trap '' TERM; exec sleep 600").toString());
		preferences.putInt(DfuPreferences.DFU_UTIL_LIMIT_SECONDS, 1);
		Run run = launch(flash("TOOL-F", image(), 5), new NullProgressMonitor());
		assertFailedWith(run, 1_000 + 2_000 + 3_000, "did not finish within 1 s and was stopped", "left in DFU mode");
		assertNothingLeft(before, boardId);
	}

	@Test
	void aFileDeletedAfterItsCheckIsStillWrittenAsChecked() throws Exception {
		assertWrittenAsChecked(file -> {
			try {
				Files.delete(file);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	@Test
	void aFileReplacedAfterItsCheckIsStillWrittenAsChecked() throws Exception {
		assertWrittenAsChecked(file -> {
			try {
				Files.write(file, Firmware.image(8192, 999));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	/** The real dfu-util; the file is changed once the board is being detached, after every check. */
	private void assertWrittenAsChecked(java.util.function.Consumer<Path> change) throws Exception {
		removeIfPresent(BENCH.get(), port);
		Path flashed = folder.resolve("flash.bin");
		port = BENCH.get().attachAndAwait("""
				{"name": "checked", "runtime": {"pid": "0x0242", "serial": "CHECKED"},
				 "dfu": {"pid": "0x0243", "alts": [{"name": "Flash", "output": "%s"}]}}
				""".formatted(flashed), LIMIT);
		boardId = BENCH.get().boardAt(port).id();
		byte[] checked = Firmware.image(16 * 1024, 242);
		Path file = Files.write(folder.resolve("app.bin"), checked);
		Runnable changeWhileDetaching = () -> {
			if (BENCH.get().service.busyBoards().status(boardId).filter("Flash: detaching..."::equals).isPresent()) {
				change.accept(file);
			}
		};
		BENCH.get().service.busyBoards().addListener(changeWhileDetaching);
		Run run;
		try {
			run = launch(flash("CHECKED", file, 5), new NullProgressMonitor());
		} finally {
			BENCH.get().service.busyBoards().removeListener(changeWhileDetaching);
		}
		assertNull(run.outcome().failure(), run::message);
		assertFalse(Files.exists(file) && java.util.Arrays.equals(checked, Files.readAllBytes(file)), "the file was not changed");
		assertArrayEquals(checked, Files.readAllBytes(flashed), "the board holds what was checked");
		assertTrue(run.outcome().output().contains("will read a private copy of these checked bytes"), run::message);
		assertNothingLeft(before, boardId);
	}

	private Path fake(String body) throws IOException {
		return FakeDfuUtil.write(folder, body);
	}

	private Path image() throws IOException {
		return Files.write(folder.resolve("fw.bin"), Firmware.image(4096, 240));
	}

	/** No reset and no DFU request reached the board: it is where it was. */
	private void assertUntouched() throws Exception {
		assertEquals(DeviceMode.RUNTIME, BENCH.get().boardAt(port).mode());
		assertFalse(BenchLog.touchedPorts(before.startNanos()).contains(port), "the board was touched");
	}
}
