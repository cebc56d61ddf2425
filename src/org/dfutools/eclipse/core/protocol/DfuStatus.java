package org.dfutools.eclipse.core.protocol;

import java.util.Optional;

/**
 * The six bytes of a DFU_GETSTATUS reply (DFU 1.1, section 6.1.2).
 *
 * @param status        bStatus
 * @param pollTimeoutMs bwPollTimeout: how long the host waits before its next GETSTATUS
 * @param state         bState, the state the device enters right after this reply
 * @param stringIndex   iString, a string describing the status (0 for none)
 */
public record DfuStatus(int status, int pollTimeoutMs, int state, int stringIndex) {

	/** The length of the reply. */
	public static final int LENGTH = 6;

	/** The reply, or empty when it is shorter than DFU 1.1's six bytes. */
	public static Optional<DfuStatus> parse(byte[] reply) {
		if (reply.length < LENGTH) {
			return Optional.empty();
		}
		int poll = (reply[1] & 0xFF) | (reply[2] & 0xFF) << 8 | (reply[3] & 0xFF) << 16;
		return Optional.of(new DfuStatus(reply[0] & 0xFF, poll, reply[4] & 0xFF, reply[5] & 0xFF));
	}

	/** bState by name; empty for a value DFU 1.1 does not define. */
	public Optional<DfuState> dfuState() {
		return DfuState.of(state);
	}

	/** bStatus by name; empty for a value DFU 1.1 does not define. */
	public Optional<DfuStatusCode> statusCode() {
		return DfuStatusCode.of(status);
	}

	public boolean isState(DfuState wanted) {
		return state == wanted.ordinal();
	}

	public boolean isStatus(DfuStatusCode wanted) {
		return status == wanted.ordinal();
	}
}
