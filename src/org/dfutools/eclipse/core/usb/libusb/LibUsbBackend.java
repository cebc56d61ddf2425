package org.dfutools.eclipse.core.usb.libusb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dfutools.eclipse.core.device.DeviceSink;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.log.CoreLog;
import org.dfutools.eclipse.core.usb.BusComparison;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbPort;
import org.eclipse.osgi.util.NLS;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceList;
import org.usb4java.HotplugCallback;
import org.usb4java.HotplugCallbackHandle;
import org.usb4java.LibUsb;
import org.usb4java.LoaderException;

/**
 * The USB port on libusb through usb4java (this package is the one place that talks to it). It owns a libusb
 * context, one thread that runs libusb's event loop (which delivers hotplug events), and the reader thread
 * ({@link DeviceReads}).
 * Where libusb has no hotplug support it rescans every few seconds and on demand.
 */
public final class LibUsbBackend implements UsbPort {

	private static final Path LINUX_USB_FS = Path.of("/dev/bus/usb"); //$NON-NLS-1$
	/** How long one turn of the event loop may block, which bounds how long close() waits for it. */
	private static final long EVENT_LOOP_TURN_MICROS = 200_000;
	private static final long FALLBACK_RESCAN_SECONDS = 3;
	private static final long CLOSE_WAIT_MILLIS = 2_000;

	private final Context context;
	private final DeviceReads reads = new DeviceReads();
	private final AtomicBoolean rescanQueued = new AtomicBoolean();
	private volatile boolean running = true;
	private volatile boolean eventLoopRunning;
	private Thread eventThread;
	private volatile HotplugCallbackHandle hotplug;
	private ScheduledExecutorService rescanTimer;
	private DeviceSink sink;

	private LibUsbBackend(Context context) {
		this.context = context;
	}

	/** The libusb device references this backend holds now (reads pending or running); for leak checks. */
	public int deviceReferencesHeld() {
		return reads.referencesHeld();
	}

	/** Starts libusb. Fails with a readable message when the native library or the USB subsystem is missing. */
	public static LibUsbBackend open() throws UsbException {
		Context context = new Context();
		int result;
		try {
			result = LibUsb.init(context);
		} catch (LoaderException | LinkageError e) {
			// LibUsb loads its native library in a static initializer: the first failure arrives wrapped.
			Throwable reason = e.getCause() != null ? e.getCause() : e;
			throw new UsbException(UsbException.Kind.OTHER, NLS.bind(Messages.LibUsb_nativeLibraryMissing, new Object[] {
					System.getProperty("os.name"), System.getProperty("os.arch"), reason }), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (result != LibUsb.SUCCESS) {
			throw new UsbException(LibUsbErrors.kindOf(result), NLS.bind(Messages.LibUsb_initFailed, describeInitFailure(result)));
		}
		return new LibUsbBackend(context);
	}

	/**
	 * Reports every device with a DFU interface that is attached now, then every arrival and departure,
	 * to the sink, on the reader thread. Sets the sink's status to LISTING once the attached devices are in.
	 *
	 * @param useHotplug false to rescan periodically even where libusb has hotplug events (tests of the
	 *                   fallback; platforms whose hotplug support misbehaves)
	 */
	@Override
	public synchronized void start(DeviceSink deviceSink, boolean useHotplug) {
		this.sink = deviceSink;
		reads.start(deviceSink);
		eventThread = DeviceReads.daemon("libusb events").newThread(this::runEventLoop); //$NON-NLS-1$
		eventLoopRunning = true;
		eventThread.start();
		if (useHotplug && LibUsb.hasCapability(LibUsb.CAP_HAS_HOTPLUG)) {
			hotplug = new HotplugCallbackHandle();
			int result = LibUsb.hotplugRegisterCallback(context,
					LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED | LibUsb.HOTPLUG_EVENT_DEVICE_LEFT, LibUsb.HOTPLUG_ENUMERATE,
					LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, onHotplug, null, hotplug);
			if (result == LibUsb.SUCCESS) {
				reads.submit(() -> sink.setUsbStatus(UsbStatus.LISTING));
				return;
			}
			hotplug = null;
			CoreLog.warn(getClass(), NLS.bind(Messages.LibUsb_hotplugRegisterFailed, LibUsbErrors.describe(result)));
		}
		rescan(); // queued before the status, so LISTING means the attached devices are in
		reads.submit(() -> sink.setUsbStatus(UsbStatus.LISTING));
		startRescanTimer();
	}

	private synchronized void startRescanTimer() {
		if (rescanTimer == null && running) {
			rescanTimer = Executors.newSingleThreadScheduledExecutor(DeviceReads.daemon("DFU device rescan")); //$NON-NLS-1$
			rescanTimer.scheduleWithFixedDelay(this::rescan, FALLBACK_RESCAN_SECONDS, FALLBACK_RESCAN_SECONDS,
					TimeUnit.SECONDS);
		}
	}

	/**
	 * Coalesced: a rescan asked for while one is queued is that one (waits ask every 100 ms where there is no
	 * hotplug, and one rescan can take longer than that).
	 */
	@Override
	public void rescan() {
		if (rescanQueued.compareAndSet(false, true) && !reads.submit(() -> {
			rescanQueued.set(false); // from here on, changes on the bus need another rescan
			compareWithBus(false);
		})) {
			rescanQueued.set(false);
		}
	}

	/** After a udev rule was installed nothing on the bus changed, but the device can be opened now. */
	@Override
	public void refresh() {
		reads.submit(() -> compareWithBus(true));
	}

	@Override
	public UsbConnection open(UsbLocation location) throws UsbException {
		if (!running) {
			throw new UsbException(UsbException.Kind.CLOSED, Messages.LibUsb_closed);
		}
		return LibUsbConnection.open(context, location);
	}

	@Override
	public boolean followsHotplug() {
		return hotplug != null && eventLoopRunning;
	}

	@Override
	public boolean onWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private final HotplugCallback onHotplug = (ctx, device, event, userData) -> {
		if (event == LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED) {
			// No I/O inside libusb's callback: keep the device alive and read it on the reader thread.
			reads.arrived(device);
		} else {
			UsbLocation location = DeviceReader.locationOf(device);
			reads.submit(() -> sink.deviceLeft(location));
		}
		return 0; // stay registered
	};

	private void compareWithBus(boolean rereadKnown) {
		DeviceList list = new DeviceList();
		int count = LibUsb.getDeviceList(context, list);
		if (count < 0) {
			CoreLog.warn(getClass(), NLS.bind(Messages.LibUsb_listFailed, LibUsbErrors.describe(count)));
			return;
		}
		try {
			List<Device> devices = new ArrayList<>();
			list.forEach(devices::add);
			BusComparison.compare(sink, devices, DeviceReader::locationOf,
					device -> DeviceReader.read(device, sink::entersDfuByTouch), rereadKnown);
		} finally {
			LibUsb.freeDeviceList(list, true);
		}
	}

	private void runEventLoop() {
		while (running) {
			int result = LibUsb.handleEventsTimeout(context, EVENT_LOOP_TURN_MICROS);
			if (result != LibUsb.SUCCESS && result != LibUsb.ERROR_INTERRUPTED && running) {
				// Without the event loop no hotplug event arrives: keep the list right by rescanning.
				CoreLog.warn(getClass(), NLS.bind(Messages.LibUsb_eventLoopFailed, LibUsbErrors.describe(result)));
				eventLoopRunning = false;
				startRescanTimer();
				return;
			}
		}
	}

	/** libusb reports a missing usbfs only as "other error": say what is really missing. */
	private static String describeInitFailure(int result) {
		if (result == LibUsb.ERROR_OTHER && isLinux() && !Files.isDirectory(LINUX_USB_FS)) {
			return NLS.bind(Messages.LibUsb_noUsbFileSystem, LINUX_USB_FS);
		}
		return LibUsbErrors.describe(result);
	}

	private static boolean isLinux() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/**
	 * Stops both threads and frees libusb. A thread that does not stop in time (a device that hangs a
	 * transfer) keeps the context: freeing it under a running libusb call would crash the IDE.
	 */
	@Override
	public synchronized void close() {
		running = false;
		if (hotplug != null) {
			LibUsb.hotplugDeregisterCallback(context, hotplug);
			hotplug = null;
		}
		if (rescanTimer != null) {
			rescanTimer.shutdownNow();
		}
		reads.stop();
		boolean stopped = false;
		try {
			stopped = reads.awaitStopped(CLOSE_WAIT_MILLIS);
			if (eventThread != null) {
				eventThread.join(CLOSE_WAIT_MILLIS);
				stopped &= !eventThread.isAlive();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			reads.discardPending();
		}
		if (stopped) {
			LibUsb.exit(context);
		} else {
			CoreLog.warn(getClass(), Messages.LibUsb_closeTimedOut);
		}
	}
}
