package org.dfutools.eclipse.core.serial;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;

/**
 * The serial monitors open now, one per board at most. It steps each aside for the operations on its board: an
 * operation's claim on a board ({@link BusyBoards}) closes the board's monitor before the operation touches the board,
 * and its end opens it again; so a flash, a save, a reboot or Start Application, of one board or of several, from a
 * launch or the view, never finds its board's port held, and no operation needs to know that monitors exist.
 */
public final class SerialMonitors implements AutoCloseable {

	private final DeviceRegistry registry;
	private final BusyBoards busy;
	private final SerialPorts ports;
	private final Map<String, SerialMonitor> monitors = new ConcurrentHashMap<>();
	private final BoardListener boards = this::boardChanged;
	private final BusyBoards.HoldListener holds = new BusyBoards.HoldListener() {
		@Override
		public void held(String boardId, String holder) {
			monitor(boardId).ifPresent(monitor -> monitor.stepAside(holder));
		}

		@Override
		public void freed(String boardId) {
			monitor(boardId).ifPresent(SerialMonitor::resume);
		}
	};

	/** Monitors of the boards of this registry, stepping aside for the operations that hold them in {@code busy}. */
	public SerialMonitors(DeviceRegistry registry, BusyBoards busy, SerialPorts ports) {
		this.registry = registry;
		this.busy = busy;
		this.ports = ports;
		registry.addListener(boards);
		busy.addHoldListener(holds);
	}

	/**
	 * Opens a monitor on the board, its port at {@code baudRate}; empty when the board has one already (it is the
	 * front end's: one console per board).
	 */
	public Optional<SerialMonitor> open(String boardId, MonitorOutput output, int baudRate, LineEnding ending) {
		SerialMonitor monitor = new SerialMonitor(boardId, registry, busy, ports, output, baudRate, ending);
		if (monitors.putIfAbsent(boardId, monitor) != null) {
			return Optional.empty();
		}
		monitor.connect();
		return Optional.of(monitor);
	}

	public Optional<SerialMonitor> monitor(String boardId) {
		return Optional.ofNullable(monitors.get(boardId));
	}

	/** Closes the monitor's port for good and forgets it (its console was closed). */
	public void close(SerialMonitor monitor) {
		monitors.remove(monitor.boardId(), monitor);
		monitor.dispose();
	}

	/** Every monitor's port closed (the plugin stops). */
	@Override
	public void close() {
		registry.removeListener(boards);
		busy.removeHoldListener(holds);
		monitors.values().forEach(SerialMonitor::dispose);
		monitors.clear();
	}

	private void boardChanged(BoardEvent event) {
		monitor(event.board().id()).ifPresent(monitor -> monitor.boardChanged(event));
	}
}
