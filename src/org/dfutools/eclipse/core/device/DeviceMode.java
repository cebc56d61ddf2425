package org.dfutools.eclipse.core.device;

/** The mode a board is in, from the protocol of its DFU interface and, in DFU mode, its DFU version. */
public enum DeviceMode {
	/** The application runs and offers a DFU run-time interface (protocol 1). */
	RUNTIME(Messages.DeviceMode_runtime),
	/** The bootloader runs and offers a DFU-mode interface (protocol 2). */
	DFU(Messages.DeviceMode_dfu),
	/** A DFU-mode bootloader that speaks ST's DfuSe extension (bcdDFUVersion 0x011A). */
	DFUSE(Messages.DeviceMode_dfuse);

	private final String label;

	DeviceMode(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public boolean isDfuMode() {
		return this != RUNTIME;
	}
}
