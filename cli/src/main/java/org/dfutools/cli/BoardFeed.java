package org.dfutools.cli;

import java.util.List;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.BoardEvent;
import org.dfutools.eclipse.core.device.BoardListener;
import org.dfutools.eclipse.core.device.DeviceRegistry;

import com.google.gson.JsonObject;

/**
 * The boards as the client learns them (docs/SERVICE.md): each {@code boards/changed} is numbered, and a list says
 * the number of the last event it includes. A list is taken on one thread and events are sent on another, so a
 * client may get an event before a list that was taken before it; by the numbers it keeps the event.
 */
final class BoardFeed implements BoardListener {

	private final ServiceClient client;
	/** The number of the last event sent; guarded by this. */
	private long sequence;

	BoardFeed(ServiceClient client) {
		this.client = client;
	}

	/** Sends the event with the next number. Sent under the lock, so that no list is taken between the two. */
	@Override
	public synchronized void boardChanged(BoardEvent event) {
		JsonObject change = new JsonObject();
		change.addProperty("event", event.kind().name().toLowerCase()); //$NON-NLS-1$
		change.add("board", JsonOf.board(event.board())); //$NON-NLS-1$
		change.addProperty("sequence", Long.valueOf(++sequence)); //$NON-NLS-1$
		client.boardsChanged(change);
	}

	/** The boards attached now, with the number of the last event sent before they were taken. */
	synchronized Listed list(DeviceRegistry registry) {
		return new Listed(registry.boards(), sequence);
	}

	/** No boards (USB cannot list them), as of the last event sent. */
	synchronized Listed none() {
		return new Listed(List.of(), sequence);
	}

	/** A list of boards, and the number of the last event it includes. */
	record Listed(List<Board> boards, long sequence) {
	}
}
