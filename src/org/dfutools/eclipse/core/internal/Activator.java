package org.dfutools.eclipse.core.internal;

import org.dfutools.eclipse.core.DfuCore;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The bundle activator. It deliberately does nothing at start: the bundle is activated lazily, when
 * one of its classes is first needed, and must never slow down the start of Eclipse. It is not a UI
 * plugin, so that headless use (tests, launches) never drags the workbench in.
 */
public final class Activator implements BundleActivator {

	public static final String PLUGIN_ID = "org.dfutools.eclipse"; //$NON-NLS-1$

	@Override
	public void start(BundleContext context) {
		// Nothing: see the class comment.
	}

	@Override
	public void stop(BundleContext context) {
		// Declarative Services close the services as the bundle stops (libusb is freed, its threads end).
		DfuCore.release();
	}
}
