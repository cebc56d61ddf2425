package org.dfutools.cli;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.dfuutil.DfuUtilConsole;

import com.google.gson.JsonObject;

/** The lines of one request's operations, as notifications with its token (and the board's port, for several). */
final class ServiceConsoles {
	private final ServiceClient client;
	private final String token;

	ServiceConsoles(ServiceClient client, String token) {
		this.client = client;
		this.token = token;
	}

	DfuUtilConsole of(Board board) {
		return new DfuUtilConsole() {
			@Override
			public void out(String text) {
				ConsoleLines.of(text).forEach(this::err);
			}

			@Override
			public void err(String line) {
				JsonObject message = new JsonObject();
				message.addProperty("token", token); //$NON-NLS-1$
				message.addProperty("line", line); //$NON-NLS-1$
				if (board != null) {
					message.addProperty("port", board.device().location().portPath()); //$NON-NLS-1$
				}
				client.line(message);
			}
		};
	}
}

