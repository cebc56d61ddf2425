package org.dfutools.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;

import org.dfutools.eclipse.core.dfuutil.BundledDfuUtil;
import org.dfutools.eclipse.core.log.CoreLog;

/**
 * The dfu-util of the command line's archive: {@code dfu-util/PLATFORM/} beside its jar ({@code lib/} of the archive,
 * {@code server/} of the VS Code extension), PLATFORM as Eclipse names it (linux-x86_64, win32-x86, ...). The .vsix
 * and the archive record the execute bit, but a tool that unpacks them may drop it: then it is set again.
 */
final class ArchiveDfuUtil implements BundledDfuUtil {

	@Override
	public Optional<Path> find() {
		Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", "")); //$NON-NLS-1$ //$NON-NLS-2$
		Optional<Path> folder = jarFolder();
		if (platform.isEmpty() || folder.isEmpty()) {
			return Optional.empty();
		}
		String name = BundledDfuUtil.fileName(platform.get().startsWith("win32")); //$NON-NLS-1$
		Path program = folder.get().resolve("dfu-util").resolve(platform.get()).resolve(name); //$NON-NLS-1$
		try {
			return BundledDfuUtil.runnable(program);
		} catch (IOException e) {
			CoreLog.warn(ArchiveDfuUtil.class, "The dfu-util of DFU Tools cannot be used: " + e.getMessage(), e); //$NON-NLS-1$
			return Optional.empty();
		}
	}

	/** The platform a Java with these os.name and os.arch runs on, as the archive's folders name it. */
	static Optional<String> platform(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String family = os.startsWith("linux") ? "linux" : os.startsWith("windows") ? "win32" : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64" -> "x86_64"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case "aarch64", "arm64" -> "aarch64"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case "x86", "i386", "i486", "i586", "i686" -> "x86"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			default -> null;
		};
		return family == null || arch == null ? Optional.empty() : Optional.of(family + '-' + arch);
	}

	private static Optional<Path> jarFolder() {
		CodeSource source = ArchiveDfuUtil.class.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(Path.of(source.getLocation().toURI()).getParent());
		} catch (URISyntaxException | IllegalArgumentException e) {
			return Optional.empty(); // not a file: no folder beside it
		}
	}
}
