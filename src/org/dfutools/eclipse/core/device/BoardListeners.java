package org.dfutools.eclipse.core.device;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.dfutools.eclipse.core.log.CoreLog;

/** The registry's listeners: each is told of every change, and one that throws is logged without stopping the others. */
final class BoardListeners implements BoardListener {

	private final List<BoardListener> listeners = new CopyOnWriteArrayList<>();

	void add(BoardListener listener) {
		listeners.add(listener);
	}

	void remove(BoardListener listener) {
		listeners.remove(listener);
	}

	@Override
	public void boardChanged(BoardEvent event) {
		each(listener -> listener.boardChanged(event));
	}

	@Override
	public void usbStatusChanged(UsbStatus status) {
		each(listener -> listener.usbStatusChanged(status));
	}

	private void each(Consumer<BoardListener> call) {
		for (BoardListener listener : listeners) {
			try {
				call.accept(listener);
			} catch (RuntimeException e) {
				CoreLog.error(getClass(), e);
			}
		}
	}
}
