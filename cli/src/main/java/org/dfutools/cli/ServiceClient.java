package org.dfutools.cli;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;

import com.google.gson.JsonObject;

/** What the service tells its client without being asked (docs/SERVICE.md): boards and operations as they change. */
public interface ServiceClient {

	/** A board arrived, changed (another mode, off the bus while it re-enumerates) or left: {"event", "board"}. */
	@JsonNotification("boards/changed")
	void boardsChanged(JsonObject change);

	/** An operation's progress: {"token", "percent", "task"}. */
	@JsonNotification("operation/progress")
	void progress(JsonObject progress);

	/** A line an operation wrote (its steps, dfu-util's output): {"token", "line", "port"?}. */
	@JsonNotification("operation/line")
	void line(JsonObject line);

	/** An operation ended, cancelled or not: {"token", "result"}, the result as its request would have answered. */
	@JsonNotification("operation/ended")
	void ended(JsonObject end);
}
