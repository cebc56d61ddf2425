package org.dfutools.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The first run of bin/dfu-tools makes the class data archive that later runs start from. That archive holds the
 * classes the run loaded: a first `list` would leave out everything a flash needs. So the run that makes it loads
 * (without initializing) every class of the command's own jar that a command may need, whatever the command is.
 */
final class ArchiveTraining {

	/** Set by bin/dfu-tools on the run that makes the archive. */
	static final String PROPERTY = "dfutools.archiving"; //$NON-NLS-1$

	private static final List<String> PACKAGES = List.of("org/dfutools/", "picocli/", "com/google/gson/", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			"org/eclipse/lsp4j/", "org/eclipse/core/runtime/", "org/eclipse/osgi/util/", "org/usb4java/"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

	private ArchiveTraining() {
	}

	static void loadClassesIfArchiving() {
		if (System.getProperty(PROPERTY) == null) {
			return;
		}
		ClassLoader loader = ArchiveTraining.class.getClassLoader();
		try (JarFile jar = new JarFile(Path.of(ArchiveTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toFile())) {
			jar.stream().map(JarEntry::getName).filter(ArchiveTraining::wanted).forEach(name -> load(loader, name));
		} catch (IOException | URISyntaxException | RuntimeException e) {
			// the archive then holds what this run loaded: later runs start as they would without it, or faster
		}
	}

	private static boolean wanted(String name) {
		return name.endsWith(".class") && !name.endsWith("module-info.class") //$NON-NLS-1$ //$NON-NLS-2$
				&& PACKAGES.stream().anyMatch(name::startsWith);
	}

	private static void load(ClassLoader loader, String entry) {
		try {
			Class.forName(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'), false, loader); //$NON-NLS-1$
		} catch (ClassNotFoundException | LinkageError e) {
			// a class that needs what is not here (an optional dependency) stays out of the archive
		}
	}
}
