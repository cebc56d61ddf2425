package org.dfutools.eclipse.core.protocol;

/** The DFU 1.1 class requests (section 3, table 3.2), by their bRequest codes. */
public enum DfuRequest {
	DETACH(0), DNLOAD(1), UPLOAD(2), GETSTATUS(3), CLRSTATUS(4), GETSTATE(5), ABORT(6);

	private final int code;

	DfuRequest(int code) {
		this.code = code;
	}

	/** bRequest. */
	public int code() {
		return code;
	}
}
