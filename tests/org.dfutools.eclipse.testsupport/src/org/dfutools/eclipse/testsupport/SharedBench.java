package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.dfutools.eclipse.core.DfuDeviceService;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's view of the plugin's shared device service on the bench (the one launches use): listening
 * from before its first test to after its last, with the board events of one test cleared before the next.
 * The service is closed after the class, so that it never lives on beside the services other test classes
 * make for themselves: left running while later classes started and closed services of their own, it
 * stopped hearing hotplug events under the bench (usb4java's libusb 1.0.22; the plugin itself only ever
 * has one service).
 * Register it with {@code @RegisterExtension static final SharedBench BENCH = new SharedBench(LIMIT);}.
 */
public final class SharedBench implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	private final Duration limit;
	private BenchRegistry bench;

	public SharedBench(Duration limit) {
		this.limit = limit;
	}

	/** The registry and its events; only while the test class runs. */
	public BenchRegistry get() {
		if (bench == null) {
			throw new IllegalStateException("the bench is only there while the test class runs");
		}
		return bench;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws InterruptedException {
		bench = BenchRegistry.shared(limit);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		bench.events.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		bench.close();
		bench = null;
		DfuDeviceService.closeShared();
	}
}
