package org.dfutools.eclipse.core.dfuutil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

/** Finds the dfu-util executable and asks its version ({@link DfuUtilVersions} remembers it). Never on the UI thread. */
public final class DfuUtilTool {

	private DfuUtilTool() {
	}

	/**
	 * The configured executable; when none is configured, the one that comes with DFU Tools, else dfu-util found on
	 * the PATH.
	 */
	static DfuUtilLocation locate(String configured, BundledDfuUtil bundled) throws DfuUtilException {
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured.strip());
			if (!Files.isRegularFile(path)) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_missing, path));
			}
			if (!Files.isExecutable(path)) {
				throw new DfuUtilException(NLS.bind(Messages.DfuUtil_notExecutable, path));
			}
			return new DfuUtilLocation(path, DfuUtilLocation.Origin.CHOSEN);
		}
		Optional<Path> ours = bundled.find();
		if (ours.isPresent()) {
			return new DfuUtilLocation(ours.get(), DfuUtilLocation.Origin.BUNDLED);
		}
		return new DfuUtilLocation(onPath(), DfuUtilLocation.Origin.PATH);
	}

	private static Path onPath() throws DfuUtilException {
		String searchPath = System.getenv("PATH"); //$NON-NLS-1$
		String name = BundledDfuUtil.fileName(File.separatorChar == '\\');
		for (String folder : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) { //$NON-NLS-1$
			if (folder.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(folder, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new DfuUtilException(Messages.DfuUtil_notOnPath);
	}

	/**
	 * What {@code dfu-util -V} says its version is, bounded by {@code limit} (killed when it takes longer, or at
	 * once when the monitor is cancelled: {@link org.eclipse.core.runtime.OperationCanceledException}).
	 */
	static DfuUtilVersion probe(Path executable, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
		String output;
		try {
			output = ToolProcess.run(List.of(executable.toString(), "-V"), limit, monitor, text -> { //$NON-NLS-1$
				// kept by the run: a few hundred bytes
			}, () -> {
				// no progress to show
			}).output();
		} catch (IOException e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_cannotStart, executable, e.getMessage()), e);
		} catch (ToolProcess.TimedOut e) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_noAnswer, executable, Long.valueOf(limit.toMillis())), e);
		}
		return DfuUtilVersion.parse(output).orElseThrow(() -> new DfuUtilException(
				NLS.bind(Messages.DfuUtil_unknownOutput, executable, output.lines().findFirst().orElse("")))); //$NON-NLS-1$
	}
}
