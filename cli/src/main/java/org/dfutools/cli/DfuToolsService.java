package org.dfutools.cli;

import static org.dfutools.cli.RequestParams.board;
import static org.dfutools.cli.RequestParams.checked;
import static org.dfutools.cli.RequestParams.flag;
import static org.dfutools.cli.RequestParams.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.flash.FlashOperation;
import org.dfutools.eclipse.core.flash.FlashSettings;
import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.dfutools.eclipse.core.operation.OperationReport;
import org.dfutools.eclipse.core.save.SaveOperation;
import org.dfutools.eclipse.core.save.SaveSettings;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The requests of {@code dfu-tools serve} (docs/SERVICE.md): the command line's commands over JSON-RPC, each
 * answered with the document {@code --json} prints. Operations run on threads of their own; a client's cancel
 * ($/cancelRequest) stops one as Ctrl-C does, and {@code operation/ended} then says where its board was left.
 */
public final class DfuToolsService {

	/** How long the service waits, when its client has gone, for running operations to leave their boards. */
	static final Duration WIND_DOWN = Duration.ofSeconds(60);

	private final Session session;
	private final Duration applicationTimeout;
	private final ExecutorService operations = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "dfu-tools operation"); //$NON-NLS-1$
		thread.setDaemon(true);
		return thread;
	});
	private final Set<CommandMonitor> running = ConcurrentHashMap.newKeySet();
	private final AtomicInteger tokens = new AtomicInteger();
	private volatile ServiceClient client;
	private volatile BoardFeed feed;

	DfuToolsService(Session session, Duration applicationTimeout) {
		this.session = session;
		this.applicationTimeout = applicationTimeout;
	}

	/** The client is connected: board events are forwarded to it from now on. */
	void connect(ServiceClient connected) {
		client = connected;
		feed = new BoardFeed(connected);
		session.service().registry().addListener(feed);
	}

	/** The client has gone: every running operation is cancelled and given time to leave its board in a known place. */
	void disconnected() throws InterruptedException {
		session.service().registry().removeListener(feed);
		stop(WIND_DOWN);
	}

	/** Cancels every running operation and waits at most {@code limit} for them to end. */
	void stop(Duration limit) {
		running.forEach(monitor -> monitor.setCanceled(true));
		operations.shutdown();
		try {
			operations.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@JsonRequest("boards/list")
	public CompletableFuture<JsonObject> list() {
		return CompletableFuture.supplyAsync(() -> {
			BoardFeed.Listed listed;
			ExitStatus exit = ExitStatus.DONE;
			String message = null;
			try {
				// Once USB lists the boards; not under the feed's lock, as that may wait for the feed's events.
				listed = feed.list(session.registry(new CommandMonitor(ProgressShown.NONE)));
			} catch (OperationException e) {
				listed = feed.none();
				exit = ExitStatus.of(e);
				message = e.getMessage();
			}
			JsonArray boards = new JsonArray();
			listed.boards().forEach(board -> boards.add(JsonOf.board(board)));
			JsonObject document = JsonOf.document("list", exit, boards, message); //$NON-NLS-1$
			document.addProperty("sequence", Long.valueOf(listed.sequence())); //$NON-NLS-1$
			return document;
		}, operations);
	}

	@JsonRequest("board/reboot")
	public CompletableFuture<JsonObject> reboot(JsonObject params) {
		return modeChange(ModeChange.REBOOT, params);
	}

	@JsonRequest("board/start")
	public CompletableFuture<JsonObject> start(JsonObject params) {
		return modeChange(ModeChange.START, params);
	}

	/** The named boards from one mode to the other; several at once, as the command does them. */
	private CompletableFuture<JsonObject> modeChange(ModeChange change, JsonObject params) {
		BoardSelector selector = board(params);
		return operation(change.command(), params, (monitor, console, results) -> {
			results.addAll(ModeOfSeveral.run(change, BoardNames.select(selector, session.boards(monitor)),
					one -> change.on(session, one, console.of(one), applicationTimeout), monitor));
		});
	}

	@JsonRequest("board/flash")
	public CompletableFuture<JsonObject> flash(JsonObject params) {
		BoardSelector selector = board(params);
		FlashSettings settings = checked(() -> FlashSettings.parse(new FlashConfiguration(selector,
				Path.of(text(params, "file", "")).toAbsolutePath().toString(), text(params, "alt", "0"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				text(params, "address", ""), text(params, "transferSize", ""), text(params, "dfuUtilArgs", ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				flag(params, "wait", true), Long.toString(applicationTimeout.toSeconds()), flag(params, "verify", false)), //$NON-NLS-1$ //$NON-NLS-2$
				text -> text));
		return operation("flash", params, (monitor, console, results) -> { //$NON-NLS-1$
			if (selector.many()) {
				results.addAll(FlashOfSeveral.run(session, settings, console.of(null), console::of, monitor));
			} else {
				run(results, () -> new FlashOperation(session.service(), session.versions(), session.preferences(), console.of(null),
						settings).execute(monitor));
			}
		});
	}

	@JsonRequest("board/save")
	public CompletableFuture<JsonObject> save(JsonObject params) {
		SaveSettings settings = checked(() -> SaveSettings.parse(board(params), text(params, "alt", "0"), //$NON-NLS-1$ //$NON-NLS-2$
				text(params, "address", ""), text(params, "length", ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				Path.of(text(params, "file", "")).toAbsolutePath().toString())); //$NON-NLS-1$ //$NON-NLS-2$
		return operation("save", params, (monitor, console, results) -> run(results, //$NON-NLS-1$
				() -> new SaveOperation(session.service(), session.versions(), session.preferences(), console.of(null), settings)
						.execute(monitor)));
	}

	@JsonRequest("board/args")
	public CompletableFuture<JsonObject> args(JsonObject params) {
		BoardSelector selector = board(params);
		return operation("args", params, (monitor, console, results) -> { //$NON-NLS-1$
			List<Board> attached = session.boards(monitor);
			for (Board one : BoardNames.select(selector, attached)) {
				results.add(JsonOf.arguments(one, attached), ExitStatus.DONE);
			}
		});
	}

	@JsonRequest("board/udevRule")
	public CompletableFuture<JsonObject> udevRule(JsonObject params) {
		BoardSelector selector = board(params);
		return operation("udev-rule", params, (monitor, console, results) -> { //$NON-NLS-1$
			for (Board one : BoardNames.select(selector, session.boards(monitor))) {
				results.add(JsonOf.udevRule(one), ExitStatus.DONE);
			}
		});
	}

	/** What a request does with its monitor, its console and its results; may stop before any board. */
	@FunctionalInterface
	private interface Work {
		void run(CommandMonitor monitor, ServiceConsoles console, Results results) throws OperationException, InterruptedException;
	}

	/** One board's operation, whose report or failure is that board's result. */
	@FunctionalInterface
	private interface OneBoard {
		OperationReport run() throws OperationException;
	}

	private static void run(Results results, OneBoard operation) {
		try {
			results.done(operation.run());
		} catch (OperationException e) {
			results.failed(e);
		}
	}

	/**
	 * Runs the work on a thread of its own under a token the client may name ("token"); progress, lines and the end
	 * go to the client as notifications. The answer is the result's document; a cancelled request is answered at once
	 * by the JSON-RPC layer, and operation/ended follows once the boards are in a known place.
	 */
	private CompletableFuture<JsonObject> operation(String command, JsonObject params, Work work) {
		String token = text(params, "token", command + '-' + tokens.incrementAndGet()); //$NON-NLS-1$
		CommandMonitor monitor = new CommandMonitor(new ServiceProgress(client, token));
		CompletableFuture<JsonObject> answer = new CompletableFuture<>();
		answer.whenComplete((result, failure) -> {
			if (answer.isCancelled()) {
				monitor.setCanceled(true);
			}
		});
		running.add(monitor);
		operations.execute(() -> {
			JsonObject document;
			try {
				Results results = new Results();
				work.run(monitor, new ServiceConsoles(client, token), results);
				document = results.document(command);
			} catch (OperationException e) {
				document = JsonOf.document(command, ExitStatus.of(e), new JsonArray(), e.getMessage());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				document = JsonOf.document(command, ExitStatus.CANCELLED, new JsonArray(), e.toString());
			} catch (RuntimeException e) {
				document = JsonOf.document(command, ExitStatus.FAILED, new JsonArray(), e.toString());
			} finally {
				running.remove(monitor);
			}
			JsonObject end = new JsonObject();
			end.addProperty("token", token); //$NON-NLS-1$
			end.add("result", document); //$NON-NLS-1$
			client.ended(end);
			answer.complete(document);
		});
		return answer;
	}

}
