package org.dfutools.eclipse.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dfutools.eclipse.core.dfuutil.DfuUtilVersions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The plugin's services, as the OSGi service registry has them (Declarative Services make them, in
 * {@code OSGI-INF}): code the framework creates (views, handlers, launch delegates) finds them here. The one
 * with the highest ranking is used, so that a test can put a service of its own in the plugin's place.
 */
public final class DfuCore {

	private static final Map<Class<?>, ServiceTracker<?, ?>> TRACKERS = new ConcurrentHashMap<>();

	private DfuCore() {
	}

	/** The device service: the USB port, the registry of boards, the busy boards. */
	public static DfuDeviceService deviceService() {
		return service(DfuDeviceService.class);
	}

	/** The dfu-util versions asked so far. */
	public static DfuUtilVersions dfuUtilVersions() {
		return service(DfuUtilVersions.class);
	}

	private static <T> T service(Class<T> type) {
		ServiceTracker<?, ?> tracker = TRACKERS.computeIfAbsent(type, DfuCore::open);
		Object service = tracker.getService();
		if (service == null) {
			throw new IllegalStateException("The OSGi service " + type.getName() //$NON-NLS-1$
					+ " is not there: is Declarative Services (org.apache.felix.scr) running?"); //$NON-NLS-1$
		}
		return type.cast(service);
	}

	private static ServiceTracker<?, ?> open(Class<?> type) {
		BundleContext context = FrameworkUtil.getBundle(DfuCore.class).getBundleContext();
		if (context == null) {
			throw new IllegalStateException("The plugin is not active"); //$NON-NLS-1$
		}
		ServiceTracker<?, ?> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		return tracker;
	}

	/** Lets the services go: the bundle stops (Declarative Services then close them). */
	public static void release() {
		TRACKERS.values().forEach(ServiceTracker::close);
		TRACKERS.clear();
	}
}
