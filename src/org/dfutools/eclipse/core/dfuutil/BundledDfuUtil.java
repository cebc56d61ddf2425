package org.dfutools.eclipse.core.dfuutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dfu-util that comes with DFU Tools for the platform it runs on, where there is one: in the IDE, the dfu-util
 * bundle p2 installed for the platform; for the command line, its archive's {@code lib/dfu-util} folder. None on
 * macOS, for which the build has no cross compiler.
 */
@FunctionalInterface
public interface BundledDfuUtil {

	/** No dfu-util comes with it. */
	BundledDfuUtil NONE = Optional::empty;

	/** The executable, ready to run; empty when none comes for this platform. */
	Optional<Path> find();

	/** The program's file name, in a bundle, an archive or a folder of the PATH. */
	static String fileName(boolean windows) {
		return windows ? "dfu-util.exe" : "dfu-util"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * {@code program} ready to run, or empty when it is not there. Its execute bit is set when an unpacking lost it:
	 * Equinox extracting a packed bundle, or a zip (a .vsix) unpacked by a tool that ignores file modes.
	 */
	static Optional<Path> runnable(Path program) throws IOException {
		if (!Files.isRegularFile(program)) {
			return Optional.empty();
		}
		if (!Files.isExecutable(program) && !program.toFile().setExecutable(true)) {
			throw new IOException(program + " cannot be made executable"); //$NON-NLS-1$
		}
		return Optional.of(program);
	}
}
