package org.dfutools.eclipse.core.descriptor;

/** USB class codes that mark a DFU interface (USB DFU 1.1, section 4.2.1 and 4.2.3). */
public final class DfuClassCodes {

	/** bInterfaceClass of every DFU interface: application specific. */
	public static final int INTERFACE_CLASS = 0xFE;

	/** bInterfaceSubClass of a DFU interface. */
	public static final int INTERFACE_SUBCLASS = 0x01;

	/** bInterfaceProtocol of a DFU interface in run-time mode. */
	public static final int PROTOCOL_RUNTIME = 0x01;

	/** bInterfaceProtocol of a DFU interface in DFU mode. */
	public static final int PROTOCOL_DFU_MODE = 0x02;

	private DfuClassCodes() {
	}

	/** Whether an interface with these codes is a DFU interface, in either mode. */
	public static boolean isDfuInterface(int interfaceClass, int interfaceSubClass) {
		return (interfaceClass & 0xFF) == INTERFACE_CLASS && (interfaceSubClass & 0xFF) == INTERFACE_SUBCLASS;
	}
}
