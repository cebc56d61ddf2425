package org.dfutools.eclipse.tests.dfuutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.dfutools.eclipse.core.dfuutil.DfuUtilException;
import org.dfutools.eclipse.core.dfuutil.BundledDfuUtil;
import org.dfutools.eclipse.core.dfuutil.DfuUtilLocation;
import org.dfutools.eclipse.core.dfuutil.DfuUtilLocation.Origin;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersion;
import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Finding dfu-util and checking it: the real one, and stand-ins that misbehave. */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class DfuUtilToolTest {

	private static final Duration LIMIT = Duration.ofSeconds(5);

	private final DfuUtilVersions versions = new DfuUtilVersions();

	@TempDir
	Path folder;

	@Test
	void theRealDfuUtilIsFoundOnThePathAndRecentEnough() throws Exception {
		DfuUtilLocation found = versions.locate("");
		assertEquals(Origin.PATH, found.origin());
		DfuUtilVersion version = versions.version(found.executable(), LIMIT);
		assertTrue(version.isSupported(), version.toString());
		assertEquals(new DfuUtilLocation(found.executable(), Origin.CHOSEN), versions.locate(found.executable().toString()));
	}

	@Test
	void theChosenOneComesFirstThenOursThenTheOneOnThePath() throws Exception {
		Path ours = script("ours", "echo 'dfu-util 0.11'");
		Path chosen = script("chosen", "echo 'dfu-util 0.11'");
		DfuUtilVersions withOurs = new DfuUtilVersions(() -> Optional.of(ours));
		assertEquals(new DfuUtilLocation(chosen, Origin.CHOSEN), withOurs.locate(chosen.toString()));
		assertEquals(new DfuUtilLocation(ours, Origin.BUNDLED), withOurs.locate(" "));
		assertEquals(Origin.PATH, new DfuUtilVersions(BundledDfuUtil.NONE).locate(null).origin());
	}

	@Test
	void tooOldIsRefusedWithBothVersions() throws Exception {
		Path old = script("old", "echo 'dfu-util 0.8'");
		DfuUtilException e = assertThrows(DfuUtilException.class, () -> versions.version(old, LIMIT));
		assertTrue(e.getMessage().contains("0.8") && e.getMessage().contains("0.9"), e.getMessage());
	}

	@Test
	void theVersionIsAskedOnceUntilTheExecutableChanges() throws Exception {
		Path calls = folder.resolve("calls");
		Path tool = script("counted", "echo run >> '" + calls + "'; echo 'dfu-util 0.11'");
		assertEquals(new DfuUtilVersion(0, 11), versions.version(tool, LIMIT));
		assertEquals(new DfuUtilVersion(0, 11), versions.version(tool, LIMIT));
		assertEquals(1, Files.readAllLines(calls).size(), "dfu-util -V ran again for an unchanged file");
		// Replaced by an older build (another size): asked again, and refused.
		script("counted", "echo run >> '" + calls + "'; echo 'dfu-util 0.8 (replaced)'");
		DfuUtilException e = assertThrows(DfuUtilException.class, () -> versions.version(tool, LIMIT));
		assertTrue(e.getMessage().contains("0.8"), e.getMessage());
		assertEquals(2, Files.readAllLines(calls).size());
	}

	@Test
	void somethingElseIsNotTakenForDfuUtil() throws Exception {
		Path other = script("other", "echo 'usage: frobnicate'");
		DfuUtilException e = assertThrows(DfuUtilException.class, () -> versions.version(other, LIMIT));
		assertTrue(e.getMessage().contains("does not look like dfu-util"), e.getMessage());
	}

	@Test
	void aHangingExecutableIsStoppedAtTheBound() throws Exception {
		Path hang = script("hang", "sleep 60");
		long start = System.nanoTime();
		DfuUtilException e = assertThrows(DfuUtilException.class, () -> versions.version(hang, Duration.ofMillis(500)));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
		assertTrue(millis < 3000, "stopped after " + millis + " ms");
	}

	@Test
	void missingAndNotExecutableSaySo() throws Exception {
		DfuUtilException missing = assertThrows(DfuUtilException.class,
				() -> versions.locate(folder.resolve("nowhere/dfu-util").toString()));
		assertTrue(missing.getMessage().contains("was not found"), missing.getMessage());
		Path plain = Files.writeString(folder.resolve("plain"), "not a program");
		DfuUtilException notExecutable = assertThrows(DfuUtilException.class, () -> versions.locate(plain.toString()));
		assertTrue(notExecutable.getMessage().contains("not executable"), notExecutable.getMessage());
	}

	@Test
	void versionLinesParse() {
		assertEquals(Optional.of(new DfuUtilVersion(0, 11)), DfuUtilVersion.parse("dfu-util 0.11\n\nCopyright ..."));
		assertEquals(Optional.of(new DfuUtilVersion(1, 0)), DfuUtilVersion.parse("dfu-util 1.0-dev"));
		assertEquals(Optional.empty(), DfuUtilVersion.parse("dfu-programmer 0.7.2"));
		assertTrue(new DfuUtilVersion(0, 10).isSupported());
		assertTrue(!new DfuUtilVersion(0, 8).isSupported());
	}

	private Path script(String name, String body) throws Exception {
		Path file = folder.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}
}
