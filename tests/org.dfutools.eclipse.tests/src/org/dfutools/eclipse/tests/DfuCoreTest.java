package org.dfutools.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.DfuDeviceService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The plugin's services come from Declarative Services, one of each, and do not start USB by being made. */
class DfuCoreTest {

	@Test
	void theServicesAreMadeByDeclarativeServicesOnce() {
		assertNotNull(DfuCore.dfuUtilVersions());
		assertSame(DfuCore.dfuUtilVersions(), DfuCore.dfuUtilVersions());
		var context = FrameworkUtil.getBundle(DfuDeviceService.class).getBundleContext();
		ServiceReference<DfuDeviceService> reference = context.getServiceReference(DfuDeviceService.class);
		assertNotNull(reference, "no device service registered");
		assertNotNull(reference.getProperty("component.name"), "the device service was not made by Declarative Services");
	}
}
