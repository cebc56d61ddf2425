package org.dfutools.eclipse.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.dfutools.eclipse.core.device.BusyBoards;

/**
 * Another program holding a serial port open, as ModemManager or a forgotten terminal may: a process of its own (a
 * port one JVM holds is listed again by jSerialComm in that JVM), under the bench's preload library like the tests.
 * Linux keeps the port's number taken while it is held, so a board that comes back meanwhile gets another name.
 */
public final class StrayPortHolder implements AutoCloseable {

	private static final String HOLD = """
			import os, sys, time
			fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
			print('held', flush=True)
			sys.stdin.read()
			os.close(fd)
			""";

	private final Process process;

	private StrayPortHolder(Process process) {
		this.process = process;
	}

	/** Opens the port in another process, and returns once it is open. */
	public static StrayPortHolder hold(String path) throws IOException {
		Process process = new ProcessBuilder("python3", "-c", HOLD, path).redirectErrorStream(true).start(); //$NON-NLS-1$ //$NON-NLS-2$
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		if (!"held".equals(line)) { //$NON-NLS-1$
			process.destroyForcibly();
			throw new IOException("the stray program could not open " + path + ": " + line); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new StrayPortHolder(process);
	}

	/**
	 * Has another program take the port at {@code path} as soon as an operation takes a board (after the board's serial
	 * monitor let the port go: its listener came first), until closed.
	 */
	public static AutoCloseable whenABoardIsTaken(BusyBoards busy, String path) {
		AtomicReference<StrayPortHolder> holder = new AtomicReference<>();
		BusyBoards.HoldListener listener = new BusyBoards.HoldListener() {
			@Override
			public void held(String boardId, String activity) {
				try {
					holder.compareAndSet(null, hold(path));
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}

			@Override
			public void freed(String boardId) {
				// it keeps the port
			}
		};
		busy.addHoldListener(listener);
		return () -> {
			busy.removeHoldListener(listener);
			if (holder.get() != null) {
				holder.get().close();
			}
		};
	}

	/** Closes the port: the program ends. */
	@Override
	public void close() throws IOException {
		process.getOutputStream().close();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		} catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}
}
