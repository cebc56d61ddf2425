package org.dfutools.eclipse.core.usb;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.dfutools.eclipse.core.device.DeviceSink;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbLocation;

/** A rescan, whatever the library: the devices on the bus now compared with what the sink holds. */
public final class BusComparison {

	private BusComparison() {
	}

	/**
	 * Reports to the sink every device it holds that is gone, then reads and reports every device that is new
	 * (every device, when {@code rereadKnown}). Departures come first, so that a device that took over a port
	 * is paired like a returning board.
	 *
	 * @param <D> the library's device
	 */
	public static <D> void compare(DeviceSink sink, List<D> onTheBus, Function<D, UsbLocation> location,
			Function<D, Optional<DfuDeviceRecord>> read, boolean rereadKnown) {
		Set<String> present = new HashSet<>();
		for (D device : onTheBus) {
			present.add(location.apply(device).deviceKey());
		}
		Set<String> known = new HashSet<>();
		for (UsbLocation held : sink.attachedLocations()) {
			known.add(held.deviceKey());
			if (!present.contains(held.deviceKey())) {
				sink.deviceLeft(held);
			}
		}
		for (D device : onTheBus) {
			if (rereadKnown || !known.contains(location.apply(device).deviceKey())) {
				read.apply(device).ifPresent(sink::deviceArrived);
			}
		}
	}
}
