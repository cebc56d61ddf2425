package org.dfutools.eclipse.core.device;

/** Told about boards arriving, changing and leaving, in order, on the registry's thread. */
@FunctionalInterface
public interface BoardListener {

	void boardChanged(BoardEvent event);

	/** USB access started, failed or recovered; see {@link DeviceRegistry#usbStatus()}. */
	default void usbStatusChanged(UsbStatus status) {
		// Most listeners care about boards only.
	}
}
