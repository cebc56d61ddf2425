package org.dfutools.eclipse.core.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.osgi.util.NLS;

/** Finds the dfu-util executable and checks that it runs and is recent enough. Never on the UI thread. */
public final class DfuUtilTool {

	private static final String NAME = "dfu-util"; //$NON-NLS-1$

	private DfuUtilTool() {
	}

	/** The configured executable, or dfu-util found on the PATH when none is configured. */
	public static Path locate(String configured) throws DfuUtilException {
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured.strip());
			if (!Files.isRegularFile(path)) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_missing, path));
			}
			if (!Files.isExecutable(path)) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_notExecutable, path));
			}
			return path;
		}
		String searchPath = System.getenv("PATH"); //$NON-NLS-1$
		boolean windows = File.separatorChar == '\\';
		for (String folder : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) { //$NON-NLS-1$
			if (folder.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(folder, windows ? NAME + ".exe" : NAME); //$NON-NLS-1$
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new DfuUtilException(Messages.DfuUtil_notOnPath);
	}

	/** Runs {@code dfu-util -V}, bounded by {@code limit}; the process is killed when it takes longer. */
	public static DfuUtilVersion version(Path executable, Duration limit) throws DfuUtilException {
		Process process;
		try {
			process = new ProcessBuilder(executable.toString(), "-V").redirectErrorStream(true).start(); //$NON-NLS-1$
		} catch (IOException e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_cannotStart, executable, e.getMessage()), e);
		}
		try {
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_noAnswer, executable, Long.valueOf(limit.toMillis())));
			}
			// The output is short and complete once the process has ended.
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			DfuUtilVersion version = DfuUtilVersion.parse(output).orElseThrow(() -> new DfuUtilException(
					NLS.bind(Messages.DfuUtil_unknownOutput, executable, output.lines().findFirst().orElse("")))); //$NON-NLS-1$
			if (!version.isSupported()) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_tooOld, version, DfuUtilVersion.MINIMUM));
			}
			return version;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_noAnswer, executable, Long.valueOf(limit.toMillis())), e);
		} catch (IOException e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_cannotStart, executable, e.getMessage()), e);
		} finally {
			process.destroyForcibly();
		}
	}
}
