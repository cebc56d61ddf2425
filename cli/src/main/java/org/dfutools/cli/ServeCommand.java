package org.dfutools.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dfu-tools serve}: JSON-RPC 2.0 over standard input and output (docs/SERVICE.md), for front ends that are
 * not Eclipse (the VS Code and Theia extension). Ends when its client closes its end; operations still running are
 * cancelled then and leave their boards in a known place before it exits.
 */
@Command(name = "serve", description = "Serve the commands as JSON-RPC 2.0 over standard input and output, for other front ends.")
final class ServeCommand implements Callable<Integer> {

	/** How long a signal leaves running operations to end before the service exits. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(20);

	@Mixin
	ToolSettings settings;

	@Override
	public Integer call() throws UsageException, InterruptedException {
		try (Session session = new Session(settings.preferences(), settings.touchBoards())) {
			DfuToolsService service = new DfuToolsService(session, settings.applicationTimeout());
			Launcher<ServiceClient> launcher = new Launcher.Builder<ServiceClient>().setLocalService(service)
					.setRemoteInterface(ServiceClient.class).setInput(System.in).setOutput(System.out).create();
			service.connect(launcher.getRemoteProxy());
			// Stopped by a signal (a front end that ends, Ctrl-C): running operations are cancelled and get a
			// bounded time to leave their boards in a known place, as when the client goes away.
			Thread stopped = new Thread(() -> service.stop(STOP_WAIT), "dfu-tools serve stopping"); //$NON-NLS-1$
			Runtime.getRuntime().addShutdownHook(stopped);
			Future<Void> listening = launcher.startListening();
			try {
				listening.get();
			} catch (ExecutionException e) {
				System.err.println("dfu-tools serve: the connection failed: " + e.getCause()); //$NON-NLS-1$
			}
			service.disconnected();
			Runtime.getRuntime().removeShutdownHook(stopped);
			return Integer.valueOf(ExitStatus.DONE.code());
		}
	}
}
