package org.dfutools.eclipse.core.protocol;

/** bState of DFU_GETSTATUS and DFU_GETSTATE (DFU 1.1, section 6.1.2), with the specification's names. */
public enum DfuState {
	APP_IDLE("appIDLE"), APP_DETACH("appDETACH"), DFU_IDLE("dfuIDLE"), DFU_DNLOAD_SYNC("dfuDNLOAD-SYNC"),
	DFU_DNBUSY("dfuDNBUSY"), DFU_DNLOAD_IDLE("dfuDNLOAD-IDLE"), DFU_MANIFEST_SYNC("dfuMANIFEST-SYNC"),
	DFU_MANIFEST("dfuMANIFEST"), DFU_MANIFEST_WAIT_RESET("dfuMANIFEST-WAIT-RESET"), DFU_UPLOAD_IDLE("dfuUPLOAD-IDLE"),
	DFU_ERROR("dfuERROR");

	private final String specName;

	DfuState(String specName) {
		this.specName = specName;
	}

	/** The name DFU 1.1 gives it, as dfu-util prints it ("dfuIDLE"). */
	@Override
	public String toString() {
		return specName;
	}
}
