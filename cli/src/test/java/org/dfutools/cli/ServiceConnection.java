package org.dfutools.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

import com.google.gson.JsonObject;

/**
 * A test's client of {@code dfu-tools serve}: the installed command started as a front end starts it, spoken to with
 * lsp4j's JSON-RPC as a front end would, its notifications kept in order to be awaited.
 */
final class ServiceConnection implements AutoCloseable {

	/** The service's requests, as a client sees them. */
	interface Server {
		@JsonRequest("boards/list")
		CompletableFuture<JsonObject> list();

		@JsonRequest("board/reboot")
		CompletableFuture<JsonObject> reboot(JsonObject params);

		@JsonRequest("board/start")
		CompletableFuture<JsonObject> start(JsonObject params);

		@JsonRequest("board/flash")
		CompletableFuture<JsonObject> flash(JsonObject params);
	}

	/** A notification as it came: its method and its parameters. */
	record Notification(String method, JsonObject params) {
	}

	final DfuToolsRun.Running process;
	final Server server;
	private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
	private final List<JsonObject> boardEvents = new CopyOnWriteArrayList<>();

	private ServiceConnection(DfuToolsRun.Running process) {
		this.process = process;
		ServiceClient client = new ServiceClient() {
			@Override
			public void boardsChanged(JsonObject change) {
				boardEvents.add(change);
				notifications.add(new Notification("boards/changed", change));
			}

			@Override
			public void progress(JsonObject progress) {
				notifications.add(new Notification("operation/progress", progress));
			}

			@Override
			public void line(JsonObject line) {
				notifications.add(new Notification("operation/line", line));
			}

			@Override
			public void ended(JsonObject end) {
				notifications.add(new Notification("operation/ended", end));
			}
		};
		Launcher<Server> launcher = new Launcher.Builder<Server>().setLocalService(client).setRemoteInterface(Server.class)
				.setInput(process.process().getInputStream()).setOutput(process.process().getOutputStream()).create();
		launcher.startListening();
		server = launcher.getRemoteProxy();
	}

	static ServiceConnection start() throws IOException {
		return new ServiceConnection(DfuToolsRun.Running.startPiped("serve"));
	}

	/** The first notification from now or before that matches; fails the test when none comes within the limit. */
	Notification await(Predicate<Notification> wanted, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		for (Notification seen : List.copyOf(notifications)) {
			if (wanted.test(seen)) {
				return seen;
			}
		}
		while (true) {
			Notification next = notifications.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (next == null) {
				throw new AssertionError("no such notification within " + limit + "; had " + List.copyOf(notifications));
			}
			if (wanted.test(next)) {
				return next;
			}
		}
	}

	/** Every boards/changed so far, in the order they came (awaited or not). */
	List<JsonObject> boardEvents() {
		return List.copyOf(boardEvents);
	}

	List<Notification> seen() {
		return List.copyOf(notifications);
	}

	/** The client goes away: the service's input ends. */
	void disconnect() throws IOException {
		process.process().getOutputStream().close();
	}

	@Override
	public void close() throws IOException, InterruptedException {
		disconnect();
		if (!process.process().waitFor(DfuToolsService.WIND_DOWN.toSeconds() + 10, TimeUnit.SECONDS)) {
			process.process().destroyForcibly();
		}
	}
}
