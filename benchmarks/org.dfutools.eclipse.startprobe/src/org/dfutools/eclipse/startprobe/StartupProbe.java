package org.dfutools.eclipse.startprobe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * For the start-time benchmark only: once the workbench has started (window open, early start-up extensions
 * run), writes the JVM's uptime in milliseconds to the file named by {@code dfutools.startprobe.file} and
 * closes the workbench. The same probe goes into the IDE with and without the plugin, so only the plugin differs.
 */
public final class StartupProbe implements IStartup {

	@Override
	public void earlyStartup() {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		String file = System.getProperty("dfutools.startprobe.file");
		if (file == null) {
			return;
		}
		try {
			Files.writeString(Path.of(file), Long.toString(uptime));
		} catch (IOException e) {
			System.err.println("start-time probe: " + file + ": " + e.getMessage());
		}
		IWorkbench workbench = PlatformUI.getWorkbench();
		workbench.getDisplay().asyncExec(workbench::close);
	}
}
