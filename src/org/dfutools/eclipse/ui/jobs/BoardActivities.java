package org.dfutools.eclipse.ui.jobs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * What is being done to which board right now ("Detaching..."), so that its row can say so while a
 * job works on it. Thread-safe; listeners are called on the thread that made the change.
 */
public final class BoardActivities {

	private static final BoardActivities SHARED = new BoardActivities();

	private final Map<String, String> activities = new ConcurrentHashMap<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	public static BoardActivities shared() {
		return SHARED;
	}

	public Optional<String> of(String boardId) {
		return Optional.ofNullable(activities.get(boardId));
	}

	public void set(String boardId, String activity) {
		activities.put(boardId, activity);
		listeners.forEach(Runnable::run);
	}

	public void clear(String boardId) {
		if (activities.remove(boardId) != null) {
			listeners.forEach(Runnable::run);
		}
	}

	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public void removeListener(Runnable listener) {
		listeners.remove(listener);
	}
}
