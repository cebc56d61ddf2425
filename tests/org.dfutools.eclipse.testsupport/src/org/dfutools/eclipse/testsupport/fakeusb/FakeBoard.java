package org.dfutools.eclipse.testsupport.fakeusb;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.DeviceMode;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.core.device.UsbLocation;
import org.dfutools.eclipse.core.protocol.DfuRequest;
import org.dfutools.eclipse.core.protocol.DfuState;
import org.dfutools.eclipse.core.usb.UsbException;

/**
 * One simulated board on a {@link FakeUsbPort}: its run-time and DFU-mode identities, and its DFU state as
 * DFU 1.1 moves it. DETACH moves it to appDETACH (any request there but GETSTATUS stalls and aborts it); a
 * reset in appDETACH, or the detach itself with bitWillDetach, makes it re-enumerate in DFU mode; a reset
 * in DFU mode starts its application.
 */
public final class FakeBoard {

	/** bmAttributes bitWillDetach. */
	public static final int WILL_DETACH = 0x08;

	/**
	 * What a board is like.
	 *
	 * @param reenumerateMillis how long it is off the bus when it re-enumerates
	 * @param neverReturns      it leaves the bus and does not come back
	 * @param selfDetachLateMillis -1, or: it leaves by itself this long after the DETACH's wValue has run out
	 *                          (the {@code usb-device} DFU run-time class), whatever its bitWillDetach says
	 */
	public record Spec(String serial, int runtimePid, int dfuPid, int attributes, int detachTimeoutMs,
			long reenumerateMillis, boolean stallGetStatus, boolean neverReturns, long selfDetachLateMillis, Touch touch) {

		/** The Spec of every board but a touch board's. */
		public Spec(String serial, int runtimePid, int dfuPid, int attributes, int detachTimeoutMs, long reenumerateMillis,
				boolean stallGetStatus, boolean neverReturns, long selfDetachLateMillis) {
			this(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, reenumerateMillis, stallGetStatus, neverReturns,
					selfDetachLateMillis, Touch.NONE);
		}

		/**
		 * A board whose application has a serial port and no DFU interface, as the Arduino Mbed boards: it enters DFU
		 * mode by the 1200-baud touch, or ignores it.
		 */
		public Spec touchBoard(boolean reboots) {
			return new Spec(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, reenumerateMillis, stallGetStatus,
					neverReturns, selfDetachLateMillis, reboots ? Touch.REBOOTS : Touch.IGNORED);
		}

		/** A run-time board as TinyUSB makes them: GETSTATUS answered, reset needed, 1 s wDetachTimeOut. */
		public static Spec runtime(String serial) {
			return new Spec(serial, 0x0100, 0x0101, 0x07, 1000, 100, false, false, -1);
		}

		public Spec willDetach() {
			return new Spec(serial, runtimePid, dfuPid, attributes | WILL_DETACH, detachTimeoutMs, reenumerateMillis,
					stallGetStatus, neverReturns, selfDetachLateMillis);
		}

		public Spec detachTimeout(int millis) {
			return new Spec(serial, runtimePid, dfuPid, attributes, millis, reenumerateMillis, stallGetStatus, neverReturns, selfDetachLateMillis);
		}

		public Spec reenumerate(long millis) {
			return new Spec(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, millis, stallGetStatus, neverReturns, selfDetachLateMillis);
		}

		public Spec stallingGetStatus() {
			return new Spec(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, reenumerateMillis, true, neverReturns, selfDetachLateMillis);
		}

		/** Leaves by itself {@code lateMillis} after the DETACH's wValue has run out. */
		public Spec selfDetachingLate(long lateMillis) {
			return new Spec(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, reenumerateMillis, stallGetStatus,
					neverReturns, lateMillis);
		}

		public Spec neverReturning() {
			return new Spec(serial, runtimePid, dfuPid, attributes, detachTimeoutMs, reenumerateMillis, stallGetStatus, true, selfDetachLateMillis);
		}
	}

	/** How a board takes the 1200-baud touch. */
	public enum Touch {
		/** Not a touch board: it has a DFU run-time interface. */
		NONE,
		/** It enters DFU mode. */
		REBOOTS,
		/** It stays in its application. */
		IGNORED
	}

	private final FakeUsbPort port;
	private final Spec spec;
	private final String portPath;
	private volatile DeviceMode mode = DeviceMode.RUNTIME;
	private volatile DfuState state = DfuState.APP_IDLE;
	private volatile UsbLocation location;
	private volatile CountDownLatch gate;

	FakeBoard(FakeUsbPort port, Spec spec, String portPath) {
		this.port = port;
		this.spec = spec;
		this.portPath = portPath;
	}

	public DeviceMode mode() {
		return mode;
	}

	public DfuState state() {
		return state;
	}

	public UsbLocation location() {
		return location;
	}

	/** From now on every request waits until {@code open} counts down (at most 10 s): a device that hangs a transfer. */
	public void holdRequestsUntil(CountDownLatch open) {
		gate = open;
	}

	/** Starts its application, as a reset at the end of a download does (dfu-util's -R, outside the port). */
	public void startApplication() {
		port.reenumerate(this, () -> enter(DeviceMode.RUNTIME), spec.reenumerateMillis());
	}

	/** The record the USB adapter would read from it now. */
	public DfuDeviceRecord record() {
		boolean runtime = mode == DeviceMode.RUNTIME;
		DfuInterface dfu = new DfuInterface(0, runtime ? 1 : 2, List.of(new AltSetting(0, 4, runtime ? "" : "Flash")),
				Optional.of(new FunctionalDescriptor(9, spec.attributes(), spec.detachTimeoutMs(), 1024, 0x0110)),
				List.of());
		boolean touchApplication = runtime && spec.touch() != Touch.NONE;
		return new DfuDeviceRecord(location, new UsbId(0x1209, runtime ? spec.runtimePid() : spec.dfuPid()),
				runtime ? 0x0100 : 0x0200, "Fake", runtime ? "Fake board" : "Fake bootloader", spec.serial(), mode,
				touchApplication ? List.of() : List.of(dfu), List.of(), touchApplication);
	}

	/** The 1200-baud touch on its serial port: a board that takes it leaves the bus and comes back in DFU mode. */
	void touched() {
		if (spec.touch() == Touch.REBOOTS && mode == DeviceMode.RUNTIME) {
			port.reenumerate(this, spec.neverReturns() ? null : () -> enter(DeviceMode.DFU), spec.reenumerateMillis());
		}
	}

	public Spec spec() {
		return spec;
	}

	void enumerated(int address) {
		location = new UsbLocation(1, portPath, address);
	}

	byte[] classRequestIn(int request, int value, int length) throws UsbException {
		waitAtTheGate();
		port.request(DfuRequest.values()[request] + " wValue=" + value); //$NON-NLS-1$
		if (request != DfuRequest.GETSTATUS.code() || mode == DeviceMode.RUNTIME && spec.stallGetStatus()) {
			throw stall();
		}
		byte[] status = { 0, 0, 0, 0, (byte) state.ordinal(), 0 };
		return java.util.Arrays.copyOf(status, Math.min(length, status.length));
	}

	void classRequestOut(int request, int value, byte[] data) throws UsbException {
		waitAtTheGate();
		port.request(DfuRequest.values()[request] + " wValue=" + value + (data.length > 0 ? " " + data.length + " bytes" : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (state == DfuState.APP_DETACH) {
			state = DfuState.APP_IDLE; // DFU 1.1, 6.1: any other request stalls and aborts the detach
			throw stall();
		}
		if (request == DfuRequest.DETACH.code()) {
			if (mode == DeviceMode.RUNTIME) {
				state = DfuState.APP_DETACH;
				if (spec.selfDetachLateMillis() >= 0) {
					CompletableFuture.delayedExecutor(value + spec.selfDetachLateMillis(), TimeUnit.MILLISECONDS)
							.execute(() -> {
								if (mode == DeviceMode.RUNTIME && state == DfuState.APP_DETACH) {
									leaveFor(DeviceMode.DFU);
								}
							});
				} else if ((spec.attributes() & WILL_DETACH) != 0) {
					leaveFor(DeviceMode.DFU);
				}
			} else if ((spec.attributes() & WILL_DETACH) != 0) {
				leaveFor(DeviceMode.RUNTIME);
			}
		} else if (request == DfuRequest.DNLOAD.code() && data.length == 0 && mode == DeviceMode.DFU) {
			leaveFor(DeviceMode.RUNTIME); // a DfuSe leave
		} else if (request == DfuRequest.CLRSTATUS.code() || request == DfuRequest.ABORT.code()) {
			state = mode == DeviceMode.DFU ? DfuState.DFU_IDLE : state;
		} else {
			throw stall();
		}
	}

	/** A reset: whether the board left the bus with it (it re-enumerates as another device). */
	boolean reset() throws UsbException {
		waitAtTheGate();
		port.request("reset"); //$NON-NLS-1$
		if (mode == DeviceMode.RUNTIME && state != DfuState.APP_DETACH) {
			return false; // re-enumerates as the same device: libusb reopens it
		}
		leaveFor(mode == DeviceMode.RUNTIME ? DeviceMode.DFU : DeviceMode.RUNTIME);
		return true;
	}

	private void leaveFor(DeviceMode next) {
		port.reenumerate(this, spec.neverReturns() ? null : () -> enter(next), spec.reenumerateMillis());
	}

	private void enter(DeviceMode next) {
		mode = next;
		state = next == DeviceMode.DFU ? DfuState.DFU_IDLE : DfuState.APP_IDLE;
	}

	private void waitAtTheGate() throws UsbException {
		CountDownLatch waiting = gate;
		try {
			if (waiting != null && !waiting.await(10, TimeUnit.SECONDS)) {
				throw new UsbException(UsbException.Kind.TIMEOUT, "the fake device did not answer"); //$NON-NLS-1$
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UsbException(UsbException.Kind.OTHER, "interrupted"); //$NON-NLS-1$
		}
	}

	private static UsbException stall() {
		return new UsbException(UsbException.Kind.STALL, "STALL"); //$NON-NLS-1$
	}
}
