package org.dfutools.eclipse.testsupport;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.dfutools.eclipse.core.DfuDeviceService;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * A test class's own device service on the bench (a {@link ClassBench} with hotplug), put in the plugin's place for
 * the launches it runs: it is registered as an OSGi service ranked above the plugin's, from before the class's first
 * test to after its last, and then closed. The board events of one test are cleared before the next.
 * Register it with {@code @RegisterExtension static final LaunchBench BENCH = new LaunchBench(LIMIT);}.
 */
public final class LaunchBench extends ClassBench {

	private ServiceRegistration<DfuDeviceService> registration;

	public LaunchBench(Duration limit) {
		super(true, limit);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws InterruptedException {
		super.beforeAll(context);
		Dictionary<String, Object> ranking = new Hashtable<>();
		ranking.put(Constants.SERVICE_RANKING, Integer.valueOf(100));
		// The plugin's bundle registers it: this bundle is never started, so it has no context of its own.
		BundleContext plugin = FrameworkUtil.getBundle(DfuDeviceService.class).getBundleContext();
		registration = plugin.registerService(DfuDeviceService.class, get().service, ranking);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			registration.unregister();
		} finally {
			super.afterAll(context);
		}
	}
}
