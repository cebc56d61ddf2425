package org.dfutools.eclipse.ui.serial;

import java.util.List;

/** The baud rates a serial monitor offers: those boards' sketches and firmware use. */
final class BaudRates {

	static final List<Integer> COMMON = List.of(300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 74880, 115200,
			230400, 250000, 460800, 500000, 921600, 1000000, 2000000);

	private BaudRates() {
	}
}
