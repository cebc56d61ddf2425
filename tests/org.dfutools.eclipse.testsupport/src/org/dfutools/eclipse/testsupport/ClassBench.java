package org.dfutools.eclipse.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own device service on the simulated bench: USB is started, and the boards attached then are listed,
 * before the class's first test (before its {@code @BeforeAll} methods), and stopped after its last. The board events
 * of one test are cleared before the next. Register it with
 * {@code @RegisterExtension static final ClassBench BENCH = new ClassBench(true, LIMIT);}.
 */
public class ClassBench implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	private final boolean useHotplug;
	private final Duration limit;
	private BenchRegistry bench;

	/** With or without hotplug (without: the periodic rescan of platforms that have none); waits are bounded by the limit. */
	public ClassBench(boolean useHotplug, Duration limit) {
		this.useHotplug = useHotplug;
		this.limit = limit;
	}

	/** The registry, its events and the service; only while the test class runs. */
	public BenchRegistry get() {
		if (bench == null) {
			throw new IllegalStateException("the bench is only there while the test class runs");
		}
		return bench;
	}

	/** Plugs a board described by a bench spec in and waits, within the limit, until the registry has listed it; its port. */
	public String attach(String spec) throws Exception {
		return get().attachAndAwait(spec, limit);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws InterruptedException {
		bench = BenchRegistry.start(useHotplug, limit);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		bench.events.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		bench.close();
		bench = null;
	}
}
