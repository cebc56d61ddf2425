package org.dfutools.eclipse.core.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;

/**
 * The attached boards. Devices arrive and leave (from the USB backend); the registry pairs them into
 * boards, so that a board that re-enumerates in DFU mode under another VID:PID keeps its identity: same
 * port path, else same serial as a board that just left. Boards that are attached at the same time are
 * never merged, so identical boards without serials stay distinct by port.
 *
 * <p>Thread-safe. Listeners are called on the thread that reported the change, outside the lock, in the
 * order of the changes.
 */
public final class DeviceRegistry implements DeviceSink {

	/** How many departed boards are remembered for pairing; older ones get a new id when they return. */
	private static final int DEPARTED_MEMORY = 64;

	private final Object lock = new Object();
	private final Map<String, Board> boards = new LinkedHashMap<>();
	private final Map<String, String> boardByDeviceKey = new HashMap<>();
	/** Boards that left, oldest first (insertion order: a board is put here when it leaves). */
	private final Map<String, Board> departed = new LinkedHashMap<>() {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Board> eldest) {
			return size() > DEPARTED_MEMORY;
		}
	};
	private final List<BoardListener> listeners = new CopyOnWriteArrayList<>();
	private volatile UsbStatus usbStatus = UsbStatus.STARTING;

	public void addListener(BoardListener listener) {
		listeners.add(listener);
	}

	public void removeListener(BoardListener listener) {
		listeners.remove(listener);
	}

	/** The boards attached now, in the order they arrived. */
	public List<Board> boards() {
		synchronized (lock) {
			return List.copyOf(boards.values());
		}
	}

	public Optional<Board> board(String id) {
		synchronized (lock) {
			return Optional.ofNullable(boards.get(id));
		}
	}

	public UsbStatus usbStatus() {
		return usbStatus;
	}

	@Override
	public void setUsbStatus(UsbStatus status) {
		usbStatus = status;
		for (BoardListener listener : listeners) {
			try {
				listener.usbStatusChanged(status);
			} catch (RuntimeException e) {
				ILog.of(getClass()).log(Status.error(e.toString(), e));
			}
		}
	}

	/** A device with a DFU interface was read. */
	@Override
	public void deviceArrived(DfuDeviceRecord device) {
		BoardEvent event;
		synchronized (lock) {
			String key = device.location().deviceKey();
			String previousBoard = boardByDeviceKey.get(key);
			Board board;
			if (previousBoard != null) {
				// Read again (a rescan, or strings that became readable): same device, same board.
				board = boards.get(previousBoard).withDevice(device);
				event = new BoardEvent(BoardEvent.Kind.CHANGED, board);
			} else {
				Board occupant = presentAt(device.location().portPath());
				if (occupant != null) {
					// The port's previous device left without our hearing of it.
					boardByDeviceKey.values().remove(occupant.id());
					board = occupant.withDevice(device);
					event = new BoardEvent(BoardEvent.Kind.CHANGED, board);
				} else {
					Board returning = departedMatching(device);
					board = returning != null ? returning.withDevice(device) : Board.first(newId(device), device);
					event = new BoardEvent(BoardEvent.Kind.ADDED, board);
				}
			}
			boards.put(board.id(), board);
			boardByDeviceKey.put(key, board.id());
		}
		fire(event);
	}

	/** The device that had this location left the bus (or stopped being a DFU device). */
	@Override
	public void deviceLeft(UsbLocation location) {
		BoardEvent event;
		synchronized (lock) {
			String boardId = boardByDeviceKey.remove(location.deviceKey());
			if (boardId == null) {
				return;
			}
			Board board = boards.remove(boardId);
			departed.put(boardId, board);
			event = new BoardEvent(BoardEvent.Kind.REMOVED, board);
		}
		fire(event);
	}

	/** Device keys of everything attached, for a rescan to diff against. */
	@Override
	public List<UsbLocation> attachedLocations() {
		synchronized (lock) {
			List<UsbLocation> locations = new ArrayList<>();
			for (Board board : boards.values()) {
				locations.add(board.device().location());
			}
			return locations;
		}
	}

	private Board presentAt(String portPath) {
		if (!UsbLocation.hasPorts(portPath)) {
			return null; // the platform did not tell the port: two devices on one bus are not one board
		}
		for (Board board : boards.values()) {
			if (board.device().location().portPath().equals(portPath)) {
				return board;
			}
		}
		return null;
	}

	/** The board that left from this port, else the one that left most recently with this serial. */
	private Board departedMatching(DfuDeviceRecord device) {
		String portPath = device.location().portPath();
		List<Board> newestFirst = new ArrayList<>(departed.values());
		Collections.reverse(newestFirst);
		if (UsbLocation.hasPorts(portPath)) {
			for (Board board : newestFirst) {
				if (board.device().location().portPath().equals(portPath)) {
					return departed.remove(board.id());
				}
			}
		}
		String serial = device.serial();
		if (!serial.isEmpty()) {
			for (Board board : newestFirst) {
				if (serial.equals(board.device().serial())) {
					return departed.remove(board.id());
				}
			}
		}
		return null;
	}

	private String newId(DfuDeviceRecord device) {
		String base = device.location().portPath();
		String id = base;
		for (int suffix = 2; boards.containsKey(id) || departed.containsKey(id); suffix++) {
			id = base + "#" + suffix; //$NON-NLS-1$
		}
		return id;
	}

	private void fire(BoardEvent event) {
		for (BoardListener listener : listeners) {
			try {
				listener.boardChanged(event);
			} catch (RuntimeException e) {
				ILog.of(getClass()).log(Status.error(e.toString(), e));
			}
		}
	}
}
