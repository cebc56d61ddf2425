package org.dfutools.eclipse.core.protocol;

/** bStatus of DFU_GETSTATUS (DFU 1.1, section 6.1.2), with the specification's names. */
public enum DfuStatusCode {
	OK("OK"), ERR_TARGET("errTARGET"), ERR_FILE("errFILE"), ERR_WRITE("errWRITE"), ERR_ERASE("errERASE"),
	ERR_CHECK_ERASED("errCHECK_ERASED"), ERR_PROG("errPROG"), ERR_VERIFY("errVERIFY"), ERR_ADDRESS("errADDRESS"),
	ERR_NOTDONE("errNOTDONE"), ERR_FIRMWARE("errFIRMWARE"), ERR_VENDOR("errVENDOR"), ERR_USBR("errUSBR"),
	ERR_POR("errPOR"), ERR_UNKNOWN("errUNKNOWN"), ERR_STALLEDPKT("errSTALLEDPKT");

	private final String specName;

	DfuStatusCode(String specName) {
		this.specName = specName;
	}

	@Override
	public String toString() {
		return specName;
	}
}
