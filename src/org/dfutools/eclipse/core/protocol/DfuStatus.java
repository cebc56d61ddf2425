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

	/** The length of the reply, as requested. */
	public static final int LENGTH = 6;
	/** The shortest reply taken: up to bState. Some devices leave out iString; nothing here needs it. */
	public static final int SHORTEST = 5;

	/** The reply, or empty when it ends before bState. */
	public static Optional<DfuStatus> parse(byte[] reply) {
		if (reply.length < SHORTEST) {
			return Optional.empty();
		}
		int poll = (reply[1] & 0xFF) | (reply[2] & 0xFF) << 8 | (reply[3] & 0xFF) << 16;
		return Optional.of(new DfuStatus(reply[0] & 0xFF, poll, reply[4] & 0xFF, reply.length > SHORTEST ? reply[5] & 0xFF : 0));
	}

	public boolean isState(DfuState wanted) {
		return state == wanted.ordinal();
	}

	public boolean isStatus(DfuStatusCode wanted) {
		return status == wanted.ordinal();
	}
}
