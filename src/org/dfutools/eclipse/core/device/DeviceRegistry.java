package org.dfutools.eclipse.core.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The attached boards. Devices arrive and leave (from the USB backend); the registry pairs them into
 * boards, so that a board that re-enumerates in DFU mode under another VID:PID keeps its identity: same
 * port path, else same serial as a board that just left. Boards that are attached at the same time are
 * never merged, so identical boards without serials stay distinct by port. A board that an operation
 * re-enumerates (a reboot into DFU mode, a flash) keeps its place while it is off the bus: see
 * {@link #expectReenumeration(String)}.
 *
 * <p>Thread-safe. Listeners are called on the thread that reported the change, outside the lock. The changes
 * one thread reports reach them in that thread's order, so the USB port's events (one thread) arrive in the
 * order the bus saw them; a change from another thread (an operation that stops expecting a board) may be
 * heard before or after a bus event made at the same moment.
 */
public final class DeviceRegistry implements DeviceSink {

	/** How many departed boards are remembered for pairing; older ones get a new id when they return. */
	private static final int DEPARTED_MEMORY = 64;
	/** How long USB may take to list the attached boards when a command is its first user. */
	public static final Duration START_LIMIT = Duration.ofSeconds(10);

	private final Object lock = new Object();
	private final Map<String, Board> boards = new LinkedHashMap<>();
	private final Map<String, String> boardByDeviceKey = new HashMap<>();
	private final DepartedBoards departed = new DepartedBoards(DEPARTED_MEMORY);
	/** Boards whose departure is a re-enumeration, with how many operations expect it. */
	private final Map<String, Integer> expected = new HashMap<>();
	private final BoardListeners listeners = new BoardListeners();
	private volatile UsbStatus usbStatus = UsbStatus.STARTING;
	private volatile TouchBoards touchBoards = TouchBoards.builtIn();

	public void addListener(BoardListener listener) {
		listeners.add(listener);
	}

	public void removeListener(BoardListener listener) {
		listeners.remove(listener);
	}

	/** The boards attached now and those re-enumerating, in the order they arrived. */
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

	/** The boards without a DFU interface that enter DFU mode by the touch; read again at the next refresh. */
	public void touchBoards(TouchBoards boards) {
		touchBoards = boards;
	}

	public TouchBoards touchBoards() {
		return touchBoards;
	}

	@Override
	public boolean entersDfuByTouch(UsbId id) {
		return touchBoards.contains(id);
	}

	public UsbStatus usbStatus() {
		return usbStatus;
	}

	@Override
	public void setUsbStatus(UsbStatus status) {
		usbStatus = status;
		listeners.usbStatusChanged(status);
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
				if (occupant == null) {
					occupant = reenumeratingWithSerial(device.serial());
				}
				if (occupant != null) {
					// The board back from a re-enumeration, or the port's previous device left without our hearing of it.
					boardByDeviceKey.values().remove(occupant.id());
					board = occupant.reenumerating() ? occupant.backFromReenumeration(device) : occupant.withDevice(device);
					event = new BoardEvent(BoardEvent.Kind.CHANGED, board);
				} else {
					Board returning = departed.matching(device);
					board = returning != null ? returning.withDevice(device) : Board.first(newId(device), device);
					event = new BoardEvent(BoardEvent.Kind.ADDED, board);
				}
			}
			boards.put(board.id(), board);
			boardByDeviceKey.put(key, board.id());
		}
		fire(event);
	}

	/**
	 * The device that had this location left the bus (or stopped being a DFU device). Its board is removed,
	 * unless a re-enumeration of it is expected: then it stays, marked {@link Board#reenumerating()}.
	 */
	@Override
	public void deviceLeft(UsbLocation location) {
		BoardEvent event;
		synchronized (lock) {
			String boardId = boardByDeviceKey.remove(location.deviceKey());
			if (boardId == null) {
				return;
			}
			if (expected.containsKey(boardId)) {
				Board waiting = boards.get(boardId).offTheBus();
				boards.put(boardId, waiting);
				event = new BoardEvent(BoardEvent.Kind.CHANGED, waiting);
			} else {
				event = depart(boardId);
			}
		}
		fire(event);
	}

	/**
	 * Tells the registry that the board is about to re-enumerate (a DFU_DETACH, a reset, dfu-util's final
	 * reset): until the returned handle is closed, the board keeps its place when it leaves the bus, marked
	 * re-enumerating, and is updated in place when it comes back on its port (or, where the platform tells no
	 * ports, with its serial number). Closing the handle of the last operation that expects it removes a board
	 * that is still off the bus. Operations close it when they end, so the bound of their wait is the bound.
	 */
	public Reenumeration expectReenumeration(String boardId) {
		synchronized (lock) {
			expected.merge(boardId, 1, Integer::sum);
		}
		return new Reenumeration(() -> expectationEnded(boardId));
	}

	private void expectationEnded(String boardId) {
		BoardEvent event = null;
		synchronized (lock) {
			if (expected.merge(boardId, -1, Integer::sum) > 0) {
				return;
			}
			expected.remove(boardId);
			Board board = boards.get(boardId);
			if (board != null && board.reenumerating()) {
				event = depart(boardId);
			}
		}
		if (event != null) {
			fire(event);
		}
	}

	/** Under the lock: the board leaves the list and is remembered for pairing. */
	private BoardEvent depart(String boardId) {
		Board board = boards.remove(boardId);
		departed.remember(board);
		return new BoardEvent(BoardEvent.Kind.REMOVED, board);
	}

	/** Device keys of everything attached, for a rescan to diff against. */
	@Override
	public List<UsbLocation> attachedLocations() {
		synchronized (lock) {
			List<UsbLocation> locations = new ArrayList<>();
			for (Board board : boards.values()) {
				if (board.attached()) {
					locations.add(board.device().location());
				}
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

	/** A board off the bus, expected back, with this serial number (none for an empty one). */
	private Board reenumeratingWithSerial(String serial) {
		if (serial.isEmpty()) {
			return null;
		}
		for (Board board : boards.values()) {
			if (board.reenumerating() && serial.equals(board.device().serial())) {
				return board;
			}
		}
		return null;
	}

	private String newId(DfuDeviceRecord device) {
		String base = device.location().portPath();
		String id = base;
		for (int suffix = 2; boards.containsKey(id) || departed.contains(id); suffix++) {
			id = base + "#" + suffix; //$NON-NLS-1$
		}
		return id;
	}

	private void fire(BoardEvent event) {
		listeners.boardChanged(event);
	}
}
