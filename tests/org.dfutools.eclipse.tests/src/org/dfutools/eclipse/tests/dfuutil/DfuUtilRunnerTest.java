package org.dfutools.eclipse.tests.dfuutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dfutools.eclipse.core.dfuutil.DfuUtilCommand;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRun;
import org.dfutools.eclipse.core.dfuutil.DfuUtilRunner;
import org.dfutools.eclipse.testsupport.FakeDfuUtil;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dfu-util run leaves for the chain to judge, its last words included. */
class DfuUtilRunnerTest {

	@TempDir
	Path folder;

	/** dfu-util's errx() ends with a line end, but a tool in its place, or one killed mid-line, may not. */
	@Test
	void aLastLineWithoutALineEndIsParsedAndShown() throws Exception {
		Path tool = FakeDfuUtil.write(folder, "printf 'Download done.\\ndfu-util: last words without a line end'; exit 74");
		List<String> console = new CopyOnWriteArrayList<>();
		DfuUtilRun run = new DfuUtilRunner(new DfuUtilConsole() {
			@Override
			public void out(String text) {
				console.add(text);
			}

			@Override
			public void err(String line) {
				console.add(line);
			}
		}).run(new DfuUtilCommand(List.of(tool.toString(), "-D", "x.bin")), Duration.ofSeconds(10), new NullProgressMonitor());
		assertEquals(74, run.exitStatus());
		assertEquals("last words without a line end", run.lastError());
		assertTrue(run.transferDone());
		assertTrue(String.join("", console).contains("last words without a line end"), console.toString());
	}
}
