package org.dfutools.eclipse.core.device;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An operation's expectation that a board re-enumerates ({@link DeviceRegistry#expectReenumeration(String)}): while it
 * is open the board keeps its row off the bus; closing it (once or more) ends it.
 */
public final class Reenumeration implements AutoCloseable {

	private final Runnable ended;
	private final AtomicBoolean closed = new AtomicBoolean();

	Reenumeration(Runnable ended) {
		this.ended = ended;
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			ended.run();
		}
	}
}
