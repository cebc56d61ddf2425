package org.dfutools.eclipse.core.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boards that left the bus, remembered so that one plugged in again gets its id (and what it showed in its other
 * mode) back. The registry keeps the newest few, oldest first, and asks under its lock.
 */
final class DepartedBoards {

	private final Map<String, Board> boards;

	DepartedBoards(int memory) {
		boards = new LinkedHashMap<>() {
			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Board> eldest) {
				return size() > memory;
			}
		};
	}

	void remember(Board board) {
		boards.put(board.id(), board);
	}

	boolean contains(String id) {
		return boards.containsKey(id);
	}

	/** The board that left from this port, else the one that left most recently with this serial. */
	Board matching(DfuDeviceRecord device) {
		String portPath = device.location().portPath();
		List<Board> newestFirst = new ArrayList<>(boards.values());
		Collections.reverse(newestFirst);
		if (UsbLocation.hasPorts(portPath)) {
			for (Board board : newestFirst) {
				if (board.device().location().portPath().equals(portPath)) {
					return boards.remove(board.id());
				}
			}
		}
		String serial = device.serial();
		if (!serial.isEmpty()) {
			for (Board board : newestFirst) {
				if (serial.equals(board.device().serial())) {
					return boards.remove(board.id());
				}
			}
		}
		return null;
	}
}
