package org.dfutools.eclipse.tests.faults;

import static org.dfutools.eclipse.tests.faults.FaultBench.LIMIT;
import static org.dfutools.eclipse.tests.faults.FaultBench.assertNothingLeft;
import static org.dfutools.eclipse.tests.faults.FaultBench.flash;
import static org.dfutools.eclipse.tests.faults.FaultBench.removeIfPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.dfutools.eclipse.core.preferences.DfuPreferences;
import org.dfutools.eclipse.core.internal.Activator;
import org.dfutools.eclipse.testsupport.BenchLog;
import org.dfutools.eclipse.testsupport.FakeDfuUtil;
import org.dfutools.eclipse.testsupport.Firmware;
import org.dfutools.eclipse.testsupport.FlashLaunches;
import org.dfutools.eclipse.testsupport.Leaks;
import org.dfutools.eclipse.testsupport.LaunchBench;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminate (the Debug view's, the console's) at each step of a flash: the platform's
 * {@code RuntimeProcess.terminate} gives a process 5 s and then reports "Terminate failed" while the
 * chain still holds the board. Every step stops well inside that, and the console says where the board is.
 */
@EnabledIfEnvironmentVariable(named = BenchLog.VARIABLE, matches = ".+", disabledReason = "needs testbench/usbsim --log")
class TerminateOnBenchTest {

	/** Well inside the platform's 5 s. */
	private static final long TERMINATE_BOUND_MILLIS = 2_000;

	@RegisterExtension
	static final LaunchBench BENCH = new LaunchBench(LIMIT);
	private final IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(Activator.PLUGIN_ID);
	private String port;

	@TempDir
	Path folder;

	@AfterEach
	void cleanUp() throws Exception {
		preferences.remove(DfuPreferences.DFU_UTIL_PATH);
		if (port != null) {
			removeIfPresent(BENCH.get(), port);
		}
	}

	@Test
	void whileDfuUtilsVersionIsAskedFor() throws Exception {
		Path tool = Files.createTempDirectory(folder, "tool").resolve("dfu-util");
		Files.writeString(tool, "#!/bin/sh\nexec sleep 600\n"); // -V never answers
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
		preferences.put(DfuPreferences.DFU_UTIL_PATH, tool.toString());
		attach("""
				{"name": "term-version", "runtime": {"pid": "0x0270", "serial": "TERM-V"}, "dfu": {"pid": "0x0271"}}
				""");
		terminateWhen("TERM-V", output -> true, "before any board was touched");
	}

	@Test
	void whileTheBoardIsAwaitedInDfuMode() throws Exception {
		attach("""
				{"name": "term-reboot", "runtime": {"pid": "0x0272", "serial": "TERM-R",
				  "functional": {"attributes": "0x07", "detach_timeout": 4000}},
				 "dfu": {"pid": "0x0273"}, "behaviour": {"never_reenumerate": true}}
				""");
		terminateWhen("TERM-R", output -> output.contains("Rebooting"), "was cancelled. The board is not on the bus now.");
	}

	@Test
	void whileDfuUtilIgnoresSigterm() throws Exception {
		preferences.put(DfuPreferences.DFU_UTIL_PATH,
				FakeDfuUtil.write(folder, "echo 'Opening DFU capable USB device...'; trap '' TERM; exec sleep 600").toString());
		attach("""
				{"name": "term-download", "runtime": {"pid": "0x0274", "serial": "TERM-D"}, "dfu": {"pid": "0x0275"}}
				""");
		terminateWhen("TERM-D", output -> output.contains("Opening DFU"), "left in DFU mode");
	}

	@Test
	void whileTheApplicationIsAwaited() throws Exception {
		attach("""
				{"name": "term-return", "runtime": {"pid": "0x0276", "serial": "TERM-A"}, "dfu": {"pid": "0x0277"},
				 "behaviour": {"unplug_at": "application_reenumeration"}}
				""");
		terminateWhen("TERM-A", output -> output.contains("Waiting for the application"),
				"while waiting for the application");
	}

	private void attach(String spec) throws Exception {
		port = BENCH.attach(spec);
	}

	/**
	 * Launches a flash of a new file on the board with this serial, waits until its console shows
	 * {@code reached}, presses Terminate, and checks that it returned well inside the platform's bound,
	 * without "Terminate failed", the console saying {@code said}, and nothing left behind.
	 */
	private void terminateWhen(String serial, Predicate<String> reached, String said) throws Exception {
		Leaks.Snapshot before = Leaks.snapshot();
		String boardId = BENCH.get().registry.boards().stream().filter(b -> b.device().serial().equals(serial)).findFirst()
				.orElseThrow().id();
		Path file = Files.write(folder.resolve("fw.bin"), Firmware.image(64 * 1024, 270));
		ILaunchConfigurationWorkingCopy configuration = FlashLaunches.configuration("terminate-" + serial,
				flash(serial, file, 20));
		ExecutorService launcher = Executors.newSingleThreadExecutor(); // as the Run menu's launch job
		Future<FlashLaunches.Outcome> outcome = launcher
				.submit(() -> FlashLaunches.run(configuration, new NullProgressMonitor(), LIMIT));
		launcher.shutdown();
		IProcess process = awaitProcess(configuration.getName());
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!reached.test(process.getStreamsProxy().getOutputStreamMonitor().getContents())) {
			assertTrue(System.nanoTime() - deadline < 0 && !process.isTerminated(),
					() -> "the flash never reached the step; console: " + console(process));
			TimeUnit.MILLISECONDS.sleep(10);
		}
		TimeUnit.MILLISECONDS.sleep(200); // inside the step, not at its start
		long pressed = System.nanoTime();
		process.terminate(); // throws DebugException "Terminate failed" after the platform's 5 s
		// Older platforms return as soon as the exit value is there, before the process reads as terminated.
		while (!process.isTerminated() && System.nanoTime() - pressed < TimeUnit.MILLISECONDS.toNanos(TERMINATE_BOUND_MILLIS)) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
		long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pressed);
		assertTrue(process.isTerminated(), () -> "not terminated " + took + " ms after Terminate");
		assertTrue(took <= TERMINATE_BOUND_MILLIS, () -> "Terminate took " + took + " ms; console: " + console(process));
		outcome.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		assertTrue(launcher.awaitTermination(LIMIT.toMillis(), TimeUnit.MILLISECONDS));
		assertEquals(130, process.getExitValue(), () -> console(process));
		// The console's stream monitors read the process's streams on their own threads: give them a moment.
		long readBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (!console(process).contains(said) && System.nanoTime() - readBy < 0) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		assertTrue(console(process).contains(said), () -> "'" + said + "' missing from the console: " + console(process));
		assertNothingLeft(before, boardId);
	}

	private static IProcess awaitProcess(String configurationName) throws InterruptedException {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			Optional<IProcess> process = FlashLaunches.processOf(configurationName);
			if (process.isPresent()) {
				return process.get();
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
		throw new AssertionError("the launch never started its process");
	}

	private static String console(IProcess process) {
		return process.getStreamsProxy().getOutputStreamMonitor().getContents()
				+ process.getStreamsProxy().getErrorStreamMonitor().getContents();
	}
}
