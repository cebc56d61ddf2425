package org.dfutools.eclipse.core.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

import org.dfutools.eclipse.core.dfuutil.BundledDfuUtil;
import org.dfutools.eclipse.core.log.CoreLog;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/**
 * The dfu-util of this platform's bundle {@code org.dfutools.eclipse.dfuutil.OS.ARCH} ({@code natives/dfu-util}),
 * which p2 installs, unpacked and executable, only on its platform. Run from a packed jar (a test runtime), Equinox
 * extracts the program without its execute bit, which is then set on that copy.
 */
public final class PlatformDfuUtil implements BundledDfuUtil {

	private static final String BUNDLE = "org.dfutools.eclipse.dfuutil."; //$NON-NLS-1$

	@Override
	public Optional<Path> find() {
		Bundle bundle = Platform.getBundle(BUNDLE + Platform.getOS() + '.' + Platform.getOSArch());
		String name = BundledDfuUtil.fileName(Platform.OS_WIN32.equals(Platform.getOS()));
		URL entry = bundle == null ? null : bundle.getEntry("dfu-util/" + name); //$NON-NLS-1$
		if (entry == null) {
			return Optional.empty();
		}
		try {
			return BundledDfuUtil.runnable(Path.of(FileLocator.toFileURL(entry).toURI()));
		} catch (IOException | URISyntaxException | IllegalArgumentException e) {
			CoreLog.warn(PlatformDfuUtil.class, "The dfu-util of DFU Tools cannot be used: " + e.getMessage(), e); //$NON-NLS-1$
			return Optional.empty();
		}
	}
}
