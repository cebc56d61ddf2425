package org.dfutools.eclipse.core.dfuutil;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.device.UsbId;

/**
 * The dfu-util options that select exactly one board, in both of its modes. dfu-util applies a single
 * {@code -d} or {@code -S} value to both modes, so a value is only given where it holds in both: the
 * port path ({@code -p}) is what pins the board when an ID of the other mode is not known yet. A serial number
 * that another attached board has as well (ROM bootloaders give every chip the same one) is left out: the port
 * pins the board, and a shared serial would only look as if it did.
 */
public final class DfuUtilArguments {

	private DfuUtilArguments() {
	}

	/** The options that pin the board among {@code attached}, and the first alt setting when it is in DFU mode. */
	public static List<String> forBoard(Board board, Collection<Board> attached) {
		List<String> arguments = selection(board, attached);
		DfuDeviceRecord device = board.device();
		if (device.mode().isDfuMode()) {
			device.primaryInterface().map(DfuInterface::altSettings).filter(alts -> !alts.isEmpty())
					.map(alts -> alts.get(0)).map(AltSetting::alternateSetting).ifPresent(alt -> {
						arguments.add("-a"); //$NON-NLS-1$
						arguments.add(Integer.toString(alt));
					});
		}
		return arguments;
	}

	/**
	 * The options that pin the board in both modes among the {@code attached} boards: {@code -d}, {@code -p} and,
	 * in DFU mode, {@code -S} when no other attached board has the same serial.
	 */
	public static List<String> selection(Board board, Collection<Board> attached) {
		List<String> arguments = new ArrayList<>();
		deviceIds(board).ifPresent(ids -> {
			arguments.add("-d"); //$NON-NLS-1$
			arguments.add(ids);
		});
		arguments.add("-p"); //$NON-NLS-1$
		arguments.add(board.device().location().portPath());
		DfuDeviceRecord device = board.device();
		if (!device.serial().isEmpty() && device.mode().isDfuMode() && !sharedSerial(board, attached)) {
			// ",SERIAL": the DFU-mode serial only; the run-time one may differ.
			arguments.add("-S"); //$NON-NLS-1$
			arguments.add("," + device.serial()); //$NON-NLS-1$
		}
		return arguments;
	}

	private static boolean sharedSerial(Board board, Collection<Board> attached) {
		String serial = board.device().serial();
		return attached.stream().anyMatch(other -> !other.id().equals(board.id()) && serial.equals(other.device().serial()));
	}

	/**
	 * {@code RUNTIME,DFU}; {@code ,DFU} for a board only seen in DFU mode; {@code RUNTIME} alone while its
	 * DFU mode has not been seen: dfu-util then also considers any device in DFU mode, which the port pins.
	 */
	private static Optional<String> deviceIds(Board board) {
		Optional<UsbId> runtime = board.runtimeId();
		Optional<UsbId> dfu = board.dfuId();
		if (dfu.isEmpty()) {
			return runtime.map(UsbId::toString);
		}
		if (runtime.isEmpty()) {
			return Optional.of("," + dfu.get()); //$NON-NLS-1$
		}
		if (runtime.equals(dfu)) {
			return Optional.of(dfu.get().toString());
		}
		return Optional.of(runtime.get() + "," + dfu.get()); //$NON-NLS-1$
	}

	/** The arguments as one line for a shell, quoting what needs it. */
	public static String asCommandLine(List<String> arguments) {
		StringBuilder line = new StringBuilder();
		for (String argument : arguments) {
			if (line.length() > 0) {
				line.append(' ');
			}
			line.append(argument.matches("[A-Za-z0-9_.,:/=+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		}
		return line.toString();
	}
}
