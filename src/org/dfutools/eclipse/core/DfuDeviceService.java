package org.dfutools.eclipse.core;

import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.usb.DetachRequest;
import org.dfutools.eclipse.core.usb.DetachSent;
import org.dfutools.eclipse.core.usb.LeaveRequest;
import org.dfutools.eclipse.core.usb.LeaveSent;
import org.dfutools.eclipse.core.usb.LibUsbBackend;
import org.dfutools.eclipse.core.usb.UsbException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Keeps the device registry fed from the USB bus. USB starts on first use, on a thread of its own, so
 * that no caller (the UI thread included) ever waits for libusb; until then and when USB cannot be used
 * the registry's status says so.
 */
public final class DfuDeviceService implements AutoCloseable {

	private static DfuDeviceService shared;

	private final DeviceRegistry registry = new DeviceRegistry();
	private final boolean useHotplug;
	private LibUsbBackend backend;
	private boolean started;
	private boolean closed;

	/** The service of the running plugin, created on first use and closed when the bundle stops. */
	public static synchronized DfuDeviceService get() {
		if (shared == null) {
			shared = new DfuDeviceService();
		}
		return shared;
	}

	/** Closes the shared service, if there is one; a later {@link #get()} makes a new one. */
	public static synchronized void closeShared() {
		if (shared != null) {
			shared.close();
			shared = null;
		}
	}

	/** A service that follows the bus through libusb's hotplug events where the platform has them. */
	public DfuDeviceService() {
		this(true);
	}

	/** @param useHotplug false to rescan every few seconds instead of listening to hotplug events */
	public DfuDeviceService(boolean useHotplug) {
		this.useHotplug = useHotplug;
	}

	/** The registry; the first call starts USB in the background. */
	public DeviceRegistry registry() {
		synchronized (this) {
			if (!started && !closed) {
				started = true;
				startConnecting();
			}
		}
		return registry;
	}

	/**
	 * The registry without starting USB: for a listener that starts it later, through {@link #registry()}
	 * (the DFU Devices view, when it opens with the workbench, waits until the workbench has started).
	 */
	public DeviceRegistry registryWithoutStarting() {
		return registry;
	}

	/**
	 * Reads the bus again now (the view's refresh button): every device, so that one that can be opened
	 * since a udev rule was installed shows its names; and retries USB when it could not start.
	 */
	public synchronized void refresh() {
		if (backend != null) {
			backend.refresh();
		} else if (started && !closed && registry.usbStatus().state() == UsbStatus.State.FAILED) {
			registry.setUsbStatus(UsbStatus.STARTING);
			startConnecting();
		}
	}

	/**
	 * Sends DFU_DETACH to one device through the running USB backend (see {@link LibUsbBackend#detach}).
	 */
	public DetachSent detach(DetachRequest request) throws UsbException {
		LibUsbBackend usb;
		synchronized (this) {
			usb = backend;
		}
		if (usb == null) {
			throw new UsbException(registry.usbStatus().failure(), 0);
		}
		return usb.detach(request);
	}

	/** Tells one bootloader to start its application through the running USB backend (see {@link LibUsbBackend#leave}). */
	public LeaveSent leave(LeaveRequest request) throws UsbException {
		LibUsbBackend usb;
		synchronized (this) {
			usb = backend;
		}
		if (usb == null) {
			throw new UsbException(registry.usbStatus().failure(), 0);
		}
		return usb.leave(request);
	}

	private void startConnecting() {
		Job starter = Job.create(Messages.DfuDeviceService_starting, monitor -> {
			connect();
		});
		starter.setSystem(true);
		starter.schedule();
	}

	private void connect() {
		LibUsbBackend opened;
		try {
			opened = LibUsbBackend.open();
		} catch (UsbException e) {
			Platform.getLog(getClass()).log(Status.warning(e.getMessage(), e));
			registry.setUsbStatus(UsbStatus.failed(e.getMessage()));
			return;
		}
		synchronized (this) {
			if (closed) {
				opened.close();
				return;
			}
			backend = opened;
			backend.start(registry, useHotplug);
		}
	}

	@Override
	public synchronized void close() {
		closed = true;
		if (backend != null) {
			backend.close();
			backend = null;
		}
	}
}
