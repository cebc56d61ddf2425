package org.dfutools.eclipse.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.device.BusyBoards;
import org.dfutools.eclipse.core.device.DeviceRegistry;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.device.UsbStatus;
import org.dfutools.eclipse.core.log.CoreLog;
import org.dfutools.eclipse.core.serial.SerialMonitors;
import org.dfutools.eclipse.core.serial.SerialPorts;
import org.dfutools.eclipse.core.serial.jserialcomm.JSerialCommPorts;
import org.dfutools.eclipse.core.usb.UsbConnection;
import org.dfutools.eclipse.core.usb.UsbException;
import org.dfutools.eclipse.core.usb.UsbPort;
import org.dfutools.eclipse.core.usb.libusb.LibUsbBackend;

/**
 * Keeps the device registry fed from the USB bus, and owns the USB port and the serial ports. USB starts on first use, on a thread
 * of its own, so that no caller (the UI thread included) ever waits for it; until then and when USB cannot be
 * used the registry's status says so. Operations open devices through the service, which closes the port only
 * when none is open any more: freeing libusb under a running transfer would crash the IDE. The plugin has one, an
 * OSGi service ({@link DfuCore#deviceService()}); tests make their own.
 */
public final class DfuDeviceService implements AutoCloseable {

	/**
	 * How long close() waits for operations that have a device open: a few bounded transfers (1 s each) and a
	 * reset. An operation still open then closes USB itself when it ends.
	 */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

	private final DeviceRegistry registry = new DeviceRegistry();
	private final BusyBoards busyBoards = new BusyBoards();
	private final UsbPort.Factory factory;
	private final SerialPorts serialPorts;
	private SerialMonitors serialMonitors;
	private final boolean useHotplug;
	private UsbPort port;
	private boolean started;
	private boolean closed;
	/** Devices open for operations now; the port is closed only when this is 0. */
	private int openConnections;

	/** A service on libusb that follows the bus through its hotplug events where the platform has them. */
	public DfuDeviceService() {
		this(true);
	}

	/** @param useHotplug false to rescan every few seconds instead of listening to hotplug events */
	public DfuDeviceService(boolean useHotplug) {
		// A lambda, not a method reference: a method reference would load the libusb adapter's class when the
		// service is made (a restored view makes it without starting USB), rather than when USB starts.
		this(() -> LibUsbBackend.open(), new JSerialCommPorts(), useHotplug);
	}

	/** A service on another USB port than libusb's (tests' fake one), with the system's serial ports. */
	public DfuDeviceService(UsbPort.Factory factory, boolean useHotplug) {
		this(factory, new JSerialCommPorts(), useHotplug);
	}

	/** A service on other USB and serial ports than the system's (tests' fake ones). */
	public DfuDeviceService(UsbPort.Factory factory, SerialPorts serialPorts, boolean useHotplug) {
		this.factory = factory;
		this.serialPorts = serialPorts;
		this.useHotplug = useHotplug;
	}

	/** The system's serial ports: a board's, for its monitor and for the 1200-baud touch. */
	public SerialPorts serialPorts() {
		return serialPorts;
	}

	/** The serial monitors open on this service's boards; made on first use, closed with the service. */
	public synchronized SerialMonitors serialMonitors() {
		if (serialMonitors == null) {
			serialMonitors = new SerialMonitors(registry, busyBoards, serialPorts);
		}
		return serialMonitors;
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

	/** The boards operations of this service hold now, and what each is doing. */
	public BusyBoards busyBoards() {
		return busyBoards;
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
		if (port != null) {
			port.refresh();
		} else if (started && !closed && registry.usbStatus().state() == UsbStatus.State.FAILED) {
			registry.setUsbStatus(UsbStatus.STARTING);
			startConnecting();
		}
	}

	/**
	 * Where the bus is not followed by hotplug events, compares it with the registry now: for an operation
	 * that waits for a board to leave or return, which would otherwise see it only at the next periodic rescan.
	 */
	public void rescanUnlessHotplug() {
		UsbPort running;
		synchronized (this) {
			running = port;
		}
		if (running != null && !running.followsHotplug()) {
			running.rescan();
		}
	}

	/** Whether USB runs on Windows (see {@link UsbPort#onWindows()}); false until USB has started. */
	public synchronized boolean onWindows() {
		return port != null && port.onWindows();
	}

	/**
	 * Opens the device at this location for one operation. Close the connection when done: the service
	 * closes USB only after every connection is closed.
	 */
	public UsbConnection open(UsbLocation location) throws UsbException {
		UsbPort running;
		synchronized (this) {
			if (closed || port == null) {
				String failure = registry.usbStatus().failure();
				throw new UsbException(UsbException.Kind.CLOSED, closed ? Messages.DfuDeviceService_closed
						: failure.isEmpty() ? Messages.DfuDeviceService_notStarted : failure);
			}
			running = port;
			openConnections++;
		}
		boolean opened = false;
		try {
			UsbConnection connection = new CountedConnection(running.open(location), this::connectionClosed);
			opened = true;
			return connection;
		} finally {
			if (!opened) {
				connectionClosed();
			}
		}
	}

	/**
	 * Whether the device at this location is still on the bus, asked by opening it: the registry learns that a board
	 * left only from the bus's events, which may come after a failure its leaving caused. Empty when opening cannot
	 * tell (USB not running, access denied, another error).
	 */
	public Optional<Boolean> onTheBus(UsbLocation location) {
		try (UsbConnection connection = open(location)) {
			return Optional.of(Boolean.TRUE);
		} catch (UsbException e) {
			return e.kind() == UsbException.Kind.NO_DEVICE ? Optional.of(Boolean.FALSE) : Optional.empty();
		}
	}

	private synchronized void connectionClosed() {
		openConnections--;
		if (openConnections == 0) {
			notifyAll();
			if (closed && port != null) {
				closePort(); // closing: no operation uses the port any more, whether close() still waits or gave up
			}
		}
	}

	private void startConnecting() {
		// A thread of its own, not a job: the core runs on plain Java too (the command line), where no job manager runs.
		Thread starter = new Thread(this::connect, Messages.DfuDeviceService_starting);
		starter.setDaemon(true);
		starter.start();
	}

	private void connect() {
		UsbPort opened;
		try {
			opened = factory.open();
		} catch (UsbException e) {
			CoreLog.warn(getClass(), e.getMessage(), e);
			registry.setUsbStatus(UsbStatus.failed(e.getMessage()));
			return;
		}
		synchronized (this) {
			if (closed) {
				opened.close();
				return;
			}
			port = opened;
			port.start(registry, useHotplug);
		}
	}

	/**
	 * Refuses new operations, waits (at most {@link #CLOSE_WAIT}) for the devices that operations have open,
	 * then closes USB; if one is still open then, USB is closed when it is.
	 */
	@Override
	public synchronized void close() {
		closed = true;
		if (serialMonitors != null) {
			serialMonitors.close(); // their ports closed, their threads ended
		}
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		boolean interrupted = false;
		while (openConnections > 0 && System.nanoTime() - deadline < 0) {
			try {
				TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
			} catch (InterruptedException e) {
				interrupted = true;
				break;
			}
		}
		if (openConnections == 0 && port != null) {
			closePort();
		} else if (port != null) {
			CoreLog.warn(getClass(), Messages.DfuDeviceService_closeDeferred);
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void closePort() {
		port.close();
		port = null;
	}
}
