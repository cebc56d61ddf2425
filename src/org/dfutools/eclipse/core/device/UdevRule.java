package org.dfutools.eclipse.core.device;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A udev rule that lets the logged-in user open one board, in both of its modes when both are known.
 * It uses {@code TAG+="uaccess"} (the seat's user only) and never a world-writable mode.
 */
public final class UdevRule {

	private UdevRule() {
	}

	public static String forBoard(Board board) {
		Set<UsbId> ids = new LinkedHashSet<>();
		board.runtimeId().ifPresent(ids::add);
		board.dfuId().ifPresent(ids::add);
		ids.add(board.device().id());
		StringBuilder rule = new StringBuilder();
		// The record keeps device strings free of control characters: the name stays one comment line.
		rule.append("# ").append(board.device().displayName()).append(": access for the logged-in user\n"); //$NON-NLS-1$ //$NON-NLS-2$
		for (UsbId id : ids) {
			rule.append(String.format("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"%04x\", ATTR{idProduct}==\"%04x\", TAG+=\"uaccess\"\n", //$NON-NLS-1$
					Integer.valueOf(id.vendorId()), Integer.valueOf(id.productId())));
		}
		return rule.toString();
	}
}
