package org.dfutools.cli;

import com.google.gson.JsonObject;

/** An operation's progress as notifications to the service's client, at most one per whole percent. */
final class ServiceProgress implements ProgressShown {
	private final ServiceClient client;
	private final String token;
	private int lastPercent = -1;
	private String lastTask = ""; //$NON-NLS-1$

	ServiceProgress(ServiceClient client, String token) {
		this.client = client;
		this.token = token;
	}

	@Override
	public synchronized void progress(double fraction, String task) {
		int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
		if (percent == lastPercent && task.equals(lastTask)) {
			return;
		}
		lastPercent = percent;
		lastTask = task;
		JsonObject progress = new JsonObject();
		progress.addProperty("token", token); //$NON-NLS-1$
		progress.addProperty("percent", Integer.valueOf(percent)); //$NON-NLS-1$
		progress.addProperty("task", task); //$NON-NLS-1$
		client.progress(progress);
	}

	@Override
	public void ended() {
		// operation/ended says so, with the result
	}
}

