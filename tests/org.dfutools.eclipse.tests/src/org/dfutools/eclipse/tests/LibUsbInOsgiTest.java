package org.dfutools.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.usb4java.Context;
import org.usb4java.LibUsb;

/**
 * usb4java inside OSGi: the native library arrives as a platform fragment of the org.usb4java bundle,
 * and libusb starts for real. Runs under the simulated bench, which provides a USB file system.
 */
class LibUsbInOsgiTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void nativeFragmentIsAttachedToUsb4java() {
		Bundle usb4java = FrameworkUtil.getBundle(LibUsb.class);
		assertEquals("org.usb4java", usb4java.getSymbolicName());
		List<BundleWire> fragments = usb4java.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE);
		assertTrue(fragments.stream().anyMatch(
				wire -> "org.usb4java.natives.linux.x86_64".equals(wire.getRequirer().getSymbolicName())),
				"attached fragments: " + fragments);
	}

	@Test
	void libUsbInitSucceeds() {
		Context context = new Context();
		int result = LibUsb.init(context);
		try {
			assertEquals(LibUsb.SUCCESS, result, "LibUsb.init: " + LibUsb.errorName(result));
		} finally {
			if (result == LibUsb.SUCCESS) {
				LibUsb.exit(context);
			}
		}
	}
}
