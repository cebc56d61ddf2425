package org.dfutools.eclipse.ui.properties;

import java.util.ArrayList;
import java.util.List;

import org.dfutools.eclipse.core.DfuCore;
import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.dfutools.eclipse.core.device.Board;
import org.dfutools.eclipse.core.device.DeviceProblem;
import org.dfutools.eclipse.core.device.DfuDeviceRecord;
import org.dfutools.eclipse.core.dfuutil.DfuUtilArguments;
import org.dfutools.eclipse.core.device.UdevRule;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * Everything known about one board, for the Properties view, grouped: Device, each DFU interface with
 * its alt settings, each functional descriptor decoded, and the problems. Read-only.
 */
public final class BoardPropertySource implements IPropertySource {

	/** One line of the Properties view. */
	private record Entry(String category, String name, String value) {
	}

	private final List<Entry> entries = new ArrayList<>();

	public BoardPropertySource(Board board) {
		DfuDeviceRecord device = board.device();
		String group = Messages.BoardProperties_device;
		add(group, Messages.BoardProperties_name, device.displayName());
		add(group, Messages.BoardProperties_manufacturer, device.manufacturer());
		add(group, Messages.BoardProperties_product, device.product());
		add(group, Messages.BoardProperties_serial, device.serial());
		add(group, Messages.BoardProperties_mode, board.reenumerating()
				? NLS.bind(Messages.BoardProperties_reenumerating, device.modeLabel())
				: device.modeLabel());
		add(group, Messages.BoardProperties_id, device.id().toString());
		add(group, Messages.BoardProperties_runtimeId, board.runtimeId().map(UsbId::toString).orElse("")); //$NON-NLS-1$
		add(group, Messages.BoardProperties_dfuId, board.dfuId().map(UsbId::toString).orElse("")); //$NON-NLS-1$
		add(group, Messages.BoardProperties_bcdDevice, hex(device.bcdDevice()));
		add(group, Messages.BoardProperties_bus, Integer.toString(device.location().bus()));
		add(group, Messages.BoardProperties_port, device.location().portPath());
		add(group, Messages.BoardProperties_address, Integer.toString(device.location().address()));
		add(group, Messages.BoardProperties_dfuUtil, DfuUtilArguments.asCommandLine(
				DfuUtilArguments.forBoard(board, DfuCore.deviceService().registry().boards())));
		for (DfuInterface dfu : device.dfuInterfaces()) {
			addInterface(dfu);
		}
		int number = 1;
		for (DeviceProblem problem : device.problems()) {
			add(Messages.BoardProperties_problems, NLS.bind(Messages.BoardProperties_problem, Integer.valueOf(number++)),
					problem.message());
		}
		if (device.hasProblem(DeviceProblem.Kind.ACCESS_DENIED)) {
			add(Messages.BoardProperties_problems, Messages.BoardProperties_udevRule, UdevRule.forBoard(board).strip());
		}
	}

	private void addInterface(DfuInterface dfu) {
		Integer number = Integer.valueOf(dfu.interfaceNumber());
		String group = NLS.bind(Messages.BoardProperties_interface, number);
		add(group, Messages.BoardProperties_protocol,
				dfu.isRuntime() ? Messages.BoardProperties_protocolRuntime
						: dfu.isDfuMode() ? Messages.BoardProperties_protocolDfu : Integer.toString(dfu.protocol()));
		for (AltSetting alt : dfu.altSettings()) {
			String name = alt.name() == null || alt.name().isEmpty() ? Messages.BoardProperties_unnamed : alt.name();
			add(group, NLS.bind(Messages.BoardProperties_alt, Integer.valueOf(alt.alternateSetting())), name);
		}
		String functionalGroup = NLS.bind(Messages.BoardProperties_functional, number);
		if (dfu.functional().isEmpty()) {
			add(functionalGroup, Messages.BoardProperties_length, Messages.BoardProperties_none);
			return;
		}
		FunctionalDescriptor f = dfu.functional().get();
		add(functionalGroup, Messages.BoardProperties_length, Integer.toString(f.length()));
		add(functionalGroup, Messages.BoardProperties_attributes, String.format("0x%02x", Integer.valueOf(f.attributes()))); //$NON-NLS-1$
		add(functionalGroup, Messages.BoardProperties_willDetach, yesNo(f.willDetach()));
		add(functionalGroup, Messages.BoardProperties_canDownload, yesNo(f.canDownload()));
		add(functionalGroup, Messages.BoardProperties_canUpload, yesNo(f.canUpload()));
		add(functionalGroup, Messages.BoardProperties_manifestationTolerant, yesNo(f.manifestationTolerant()));
		add(functionalGroup, Messages.BoardProperties_detachTimeout,
				NLS.bind(Messages.BoardColumn_milliseconds, Integer.valueOf(f.detachTimeoutMs())));
		add(functionalGroup, Messages.BoardProperties_transferSize,
				NLS.bind(Messages.BoardColumn_bytes, Integer.valueOf(f.transferSize())));
		add(functionalGroup, Messages.BoardProperties_version, hex(f.dfuVersion()) + " (" + f.versionText() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private void add(String category, String name, String value) {
		entries.add(new Entry(category, name, value));
	}

	private static String hex(int bcd) {
		return String.format("0x%04x", Integer.valueOf(bcd)); //$NON-NLS-1$
	}

	private static String yesNo(boolean value) {
		return value ? Messages.BoardProperties_yes : Messages.BoardProperties_no;
	}

	@Override
	public IPropertyDescriptor[] getPropertyDescriptors() {
		IPropertyDescriptor[] descriptors = new IPropertyDescriptor[entries.size()];
		for (int index = 0; index < descriptors.length; index++) {
			Entry entry = entries.get(index);
			PropertyDescriptor descriptor = new PropertyDescriptor(Integer.valueOf(index), entry.name());
			descriptor.setCategory(entry.category());
			descriptors[index] = descriptor;
		}
		return descriptors;
	}

	@Override
	public Object getPropertyValue(Object id) {
		return entries.get(((Integer) id).intValue()).value();
	}

	/** The value shown for a name in a category, for tests; null when there is no such line. */
	public String valueOf(String category, String name) {
		return entries.stream().filter(entry -> entry.category().equals(category) && entry.name().equals(name))
				.map(Entry::value).findFirst().orElse(null);
	}

	@Override
	public Object getEditableValue() {
		return null;
	}

	@Override
	public boolean isPropertySet(Object id) {
		return false;
	}

	@Override
	public void resetPropertyValue(Object id) {
		// read-only
	}

	@Override
	public void setPropertyValue(Object id, Object value) {
		// read-only
	}
}
