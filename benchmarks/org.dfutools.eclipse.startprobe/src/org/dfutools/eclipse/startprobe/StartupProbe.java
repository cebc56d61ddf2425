package org.dfutools.eclipse.startprobe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * For the start-time benchmark only: once the workbench has started (window open, early start-up extensions
 * run), writes the JVM's uptime and the CPU time the process has used so far, both in milliseconds, to the
 * file named by {@code dfutools.startprobe.file}, and closes the workbench. The CPU time counts every thread's
 * work, so that it shows what the plugin costs even when the threads overlap on the clock. The same probe goes into the IDE with and without the plugin, so only the plugin differs.
 */
public final class StartupProbe implements IStartup {

	@Override
	public void earlyStartup() {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L).longValue();
		String file = System.getProperty("dfutools.startprobe.file");
		if (file == null) {
			return;
		}
		try {
			Files.writeString(Path.of(file), uptime + " " + cpu); //$NON-NLS-1$
		} catch (IOException e) {
			System.err.println("start-time probe: " + file + ": " + e.getMessage());
		}
		String threads = System.getProperty("dfutools.startprobe.threads");
		if (threads != null) {
			writeThreads(Path.of(threads));
		}
		IWorkbench workbench = PlatformUI.getWorkbench();
		workbench.getDisplay().asyncExec(workbench::close);
	}

	/**
	 * On Linux, every thread of the process as the kernel counts it, the JVM's own included (JIT compilers,
	 * garbage collector), which the Java view above leaves out: lines "native MS NAME".
	 */
	private static void appendNativeThreads(StringBuilder lines) {
		Path tasks = Path.of("/proc/self/task"); //$NON-NLS-1$
		if (!Files.isDirectory(tasks)) {
			return;
		}
		long tick = 10; // ms per clock tick: USER_HZ is 100 on Linux
		try (var each = Files.list(tasks)) {
			for (Path task : (Iterable<Path>) each::iterator) {
				try {
					String stat = Files.readString(task.resolve("stat")); //$NON-NLS-1$
					int open = stat.indexOf('(');
					int close = stat.lastIndexOf(')');
					String[] fields = stat.substring(close + 2).split(" "); //$NON-NLS-1$
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
					lines.append("native\t").append(ticks * tick).append('\t').append(stat, open + 1, close).append('\n'); //$NON-NLS-1$
				} catch (IOException | RuntimeException e) {
					// A thread that ended while being read: nothing to count.
				}
			}
		} catch (IOException e) {
			System.err.println("start-time probe: " + tasks + ": " + e.getMessage());
		}
	}

	/** Where the CPU time went, thread by thread (the live ones), for finding what a start costs. */
	private static void writeThreads(Path file) {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		StringBuilder lines = new StringBuilder();
		for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
			if (info != null) {
				long cpu = bean.getThreadCpuTime(info.getThreadId());
				lines.append(cpu / 1_000_000).append('\t').append(info.getThreadName()).append('\n');
			}
		}
		appendNativeThreads(lines);
		try {
			Files.writeString(file, lines);
		} catch (IOException e) {
			System.err.println("start-time probe: " + file + ": " + e.getMessage());
		}
	}
}
