package org.dfutools.eclipse.core.dfuutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.osgi.util.NLS;

/**
 * Which dfu-util runs, and the versions of the dfu-util executables asked so far: every launch checks its dfu-util,
 * but need not pay a process start for it. {@code dfu-util -V} runs again only when the file changed. The plugin
 * has one, an OSGi service ({@code OSGI-INF}) that knows the plugin's own dfu-util; the command line and tests make
 * their own.
 */
public final class DfuUtilVersions {

	private final Map<Path, Probe> probes = new ConcurrentHashMap<>();
	private volatile BundledDfuUtil bundled;

	/** Knowing of no dfu-util that comes with DFU Tools (until Declarative Services bind one). */
	public DfuUtilVersions() {
		this(BundledDfuUtil.NONE);
	}

	public DfuUtilVersions(BundledDfuUtil bundled) {
		this.bundled = bundled;
	}

	/** Declarative Services: the plugin's own dfu-util. */
	public void setBundled(BundledDfuUtil ours) {
		bundled = ours;
	}

	/**
	 * The dfu-util to run: {@code configured} when it is set (a blank one is not), else the one that comes with DFU
	 * Tools, else the one on the PATH.
	 */
	public DfuUtilLocation locate(String configured) throws DfuUtilException {
		return DfuUtilTool.locate(configured, bundled);
	}

	/** {@link #version(Path, Duration, IProgressMonitor)} that only the limit ends. */
	public DfuUtilVersion version(Path executable, Duration limit) throws DfuUtilException {
		return version(executable, limit, new NullProgressMonitor());
	}

	/**
	 * The version of this dfu-util, 0.9 or newer, else throws. A probe runs bounded by {@code limit}, and ends
	 * at once when the monitor is cancelled ({@link org.eclipse.core.runtime.OperationCanceledException}).
	 */
	public DfuUtilVersion version(Path executable, Duration limit, IProgressMonitor monitor) throws DfuUtilException {
		Optional<BasicFileAttributes> file = attributes(executable);
		Probe known = probes.get(executable);
		DfuUtilVersion version;
		if (known != null && file.isPresent() && known.sameFile(file.get())) {
			version = known.version();
		} else {
			version = DfuUtilTool.probe(executable, limit, monitor);
			file.ifPresent(attributes -> probes.put(executable, new Probe(attributes, version)));
		}
		if (!version.isSupported()) {
			throw new DfuUtilException(NLS.bind(Messages.DfuUtil_tooOld, version, DfuUtilVersion.MINIMUM));
		}
		return version;
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
