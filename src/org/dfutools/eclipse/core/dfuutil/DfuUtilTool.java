package org.dfutools.eclipse.core.dfuutil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.osgi.util.NLS;

/** Finds the dfu-util executable and checks that it runs and is recent enough. Never on the UI thread. */
public final class DfuUtilTool {

	private static final String NAME = "dfu-util"; //$NON-NLS-1$
	/** Versions already asked, per executable path. */
	private static final Map<Path, Probe> PROBES = new ConcurrentHashMap<>();

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

	/** {@link #version(Path, Duration, IProgressMonitor)} that only the limit ends. */
	public static DfuUtilVersion version(Path executable, Duration limit) throws DfuUtilException {
		return version(executable, limit, new NullProgressMonitor());
	}

	/**
	 * The version of this dfu-util, 0.9 or newer, else throws. {@code dfu-util -V} runs bounded by
	 * {@code limit} (killed when it takes longer, or at once when the monitor is cancelled:
	 * {@link OperationCanceledException}) the first time, and again only when the file changed: every
	 * launch checks, but need not pay a process start for it.
	 */
	public static DfuUtilVersion version(Path executable, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
		Optional<BasicFileAttributes> file = attributes(executable);
		Probe known = PROBES.get(executable);
		DfuUtilVersion version;
		if (known != null && file.isPresent() && known.sameFile(file.get())) {
			version = known.version();
		} else {
			version = probe(executable, limit, monitor);
			file.ifPresent(attributes -> PROBES.put(executable, new Probe(attributes, version)));
		}
		if (!version.isSupported()) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_tooOld, version, DfuUtilVersion.MINIMUM));
		}
		return version;
	}

	private static DfuUtilVersion probe(Path executable, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
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

	/** The file behind the path (links followed), or empty when it cannot be read: then nothing is remembered. */
	private static Optional<BasicFileAttributes> attributes(Path executable) {
		try {
			return Optional.of(Files.readAttributes(executable, BasicFileAttributes.class));
		} catch (IOException e) {
			return Optional.empty();
		}
	}

	/** What {@code dfu-util -V} said, and the file as it was then. */
	private record Probe(Object fileKey, FileTime modified, long size, DfuUtilVersion version) {
		Probe(BasicFileAttributes file, DfuUtilVersion version) {
			this(file.fileKey(), file.lastModifiedTime(), file.size(), version);
		}

		boolean sameFile(BasicFileAttributes file) {
			return Objects.equals(fileKey, file.fileKey()) && modified.equals(file.lastModifiedTime()) && size == file.size();
		}
	}
}
