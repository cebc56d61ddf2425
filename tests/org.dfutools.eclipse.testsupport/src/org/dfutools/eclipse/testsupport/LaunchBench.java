package org.dfutools.eclipse.testsupport;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * A test class's own device service on the bench, put in the plugin's place for the launches it runs: it is
 * registered as an OSGi service ranked above the plugin's, from before the class's first test to after its
 * last, and then closed. The board events of one test are cleared before the next.
 * Register it with {@code @RegisterExtension static final LaunchBench BENCH = new LaunchBench(LIMIT);}.
 */
public final class LaunchBench implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	private final Duration limit;
	private BenchRegistry bench;
	private ServiceRegistration<DfuDeviceService> registration;

	public LaunchBench(Duration limit) {
		this.limit = limit;
	}

	/** The registry, its events and the service; only while the test class runs. */
	public BenchRegistry get() {
		if (bench == null) {
			throw new IllegalStateException("the bench is only there while the test class runs");
		}
		return bench;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws InterruptedException {
		bench = BenchRegistry.start(true, limit);
		Dictionary<String, Object> ranking = new Hashtable<>();
		ranking.put(Constants.SERVICE_RANKING, Integer.valueOf(100));
		// The plugin's bundle registers it: this bundle is never started, so it has no context of its own.
		BundleContext plugin = FrameworkUtil.getBundle(DfuDeviceService.class).getBundleContext();
		registration = plugin.registerService(DfuDeviceService.class, bench.service, ranking);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		bench.events.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			registration.unregister();
		} finally {
			bench.close();
			bench = null;
		}
	}
}
