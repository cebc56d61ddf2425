package org.dfutools.eclipse.core.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * Reads the DFU interfaces out of a raw configuration descriptor (USB 2.0, section 9.6.3, and USB
 * DFU 1.1, section 4). The bytes come from devices that may be broken or hostile, so every defect
 * becomes a problem sentence in the result instead of an exception.
 */
public final class ConfigurationParser {

	private static final int HEADER_LENGTH = 9;
	private static final int TYPE_CONFIGURATION = 0x02;
	private static final int TYPE_INTERFACE = 0x04;
	private static final int TYPE_DFU_FUNCTIONAL = FunctionalDescriptor.TYPE;
	private static final int INTERFACE_LENGTH = 9;
	private static final int FUNCTIONAL_LENGTH_1_0 = FunctionalDescriptor.LENGTH_1_0;
	private static final int FUNCTIONAL_LENGTH = FunctionalDescriptor.LENGTH;

	/** Alternate settings and functional descriptor of one DFU interface, while they are collected. */
	private static final class InterfaceBuilder {
		final int number;
		final int protocol;
		final List<AltSetting> altSettings = new ArrayList<>();
		final Set<Integer> altNumbers = new HashSet<>();
		final List<String> problems = new ArrayList<>();
		FunctionalDescriptor functional;
		boolean splitReported;
		boolean duplicateFunctionalReported;

		InterfaceBuilder(int number, int protocol) {
			this.number = number;
			this.protocol = protocol;
		}

		DfuInterface build() {
			DfuInterface dfu = new DfuInterface(number, protocol, altSettings, Optional.ofNullable(functional), problems);
			if (!dfu.isRuntime() && !dfu.isDfuMode()) {
				// Known only now: protocol 0 is DFU mode for DfuSe, which the functional descriptor, after it, says.
				List<String> all = new ArrayList<>(problems);
				all.add(0, NLS.bind(Messages.ConfigurationParser_unknownProtocol, number, protocol));
				dfu = new DfuInterface(number, protocol, altSettings, Optional.ofNullable(functional), all);
			}
			return dfu;
		}
	}

	private final byte[] bytes;
	private final List<String> problems = new ArrayList<>();
	private final Map<Integer, InterfaceBuilder> interfaces = new LinkedHashMap<>();
	/** Communications class, Abstract Control Model: what Linux's cdc_acm, Windows' usbser and macOS make a port of. */
	private static final int CDC_CLASS = 0x02;
	private static final int CDC_ACM_SUBCLASS = 0x02;
	private final List<Integer> serialInterfaces = new ArrayList<>();
	/** The DFU interface the last interface descriptor opened; null after an interface of another class. */
	private InterfaceBuilder current;
	/** bInterfaceNumber of the last interface descriptor of any class; -1 before the first. */
	private int lastInterfaceNumber = -1;

	private ConfigurationParser(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Parses a configuration descriptor as returned by GET_DESCRIPTOR. Never throws: for null, empty
	 * or malformed input the result carries what could be read and the problems found.
	 */
	public static ConfigurationInfo parse(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return new ConfigurationInfo(0, List.of(), List.of(Messages.ConfigurationParser_noData));
		}
		return new ConfigurationParser(bytes).run();
	}

	private ConfigurationInfo run() {
		if (bytes.length < HEADER_LENGTH) {
			problems.add(NLS.bind(Messages.ConfigurationParser_headerTruncated, bytes.length));
			return new ConfigurationInfo(0, List.of(), problems);
		}
		int headerLength = u8(0);
		int type = u8(1);
		if (type != TYPE_CONFIGURATION) {
			problems.add(NLS.bind(Messages.ConfigurationParser_notConfiguration, hex(type)));
		}
		if (headerLength != HEADER_LENGTH) {
			problems.add(NLS.bind(Messages.ConfigurationParser_headerLength, headerLength));
		}
		int end = contentEnd();
		// A longer header may carry fields added later; a shorter one cannot be trusted to skip by.
		int offset = Math.min(Math.max(headerLength, HEADER_LENGTH), end);
		parseDescriptors(offset, end);
		List<DfuInterface> result = new ArrayList<>(interfaces.size());
		for (InterfaceBuilder builder : interfaces.values()) {
			if (builder.functional == null) {
				builder.problems.add(missingFunctional(builder.number));
			}
			result.add(builder.build());
		}
		return new ConfigurationInfo(u8(5), result, problems, List.copyOf(serialInterfaces));
	}

	/** Where the descriptors end: wTotalLength when it is plausible, otherwise the bytes read. */
	private int contentEnd() {
		int totalLength = u16(2);
		if (totalLength < HEADER_LENGTH) {
			problems.add(NLS.bind(Messages.ConfigurationParser_totalLengthInvalid, totalLength, bytes.length));
			return bytes.length;
		}
		if (totalLength > bytes.length) {
			problems.add(NLS.bind(Messages.ConfigurationParser_totalLengthLarger, totalLength, bytes.length));
			return bytes.length;
		}
		if (totalLength < bytes.length) {
			problems.add(NLS.bind(Messages.ConfigurationParser_totalLengthSmaller, totalLength, bytes.length));
		}
		return totalLength;
	}

	private void parseDescriptors(int start, int end) {
		int offset = start;
		while (offset < end) {
			int left = end - offset;
			if (left < 2) {
				problems.add(NLS.bind(Messages.ConfigurationParser_strayByte, offset));
				return;
			}
			int length = u8(offset);
			if (length < 2) {
				// Skipping by such a length would never advance.
				problems.add(NLS.bind(Messages.ConfigurationParser_badLength, offset, length));
				return;
			}
			if (length > left) {
				problems.add(NLS.bind(Messages.ConfigurationParser_truncated, new Object[] { offset, length, left }));
				return;
			}
			switch (u8(offset + 1)) {
			case TYPE_INTERFACE -> readInterface(offset, length);
			case TYPE_DFU_FUNCTIONAL -> readFunctional(offset, length);
			default -> {
				// Endpoints, associations and other class-specific descriptors say nothing about DFU.
			}
			}
			offset += length;
		}
	}

	private void readInterface(int offset, int length) {
		if (length < INTERFACE_LENGTH) {
			problems.add(NLS.bind(Messages.ConfigurationParser_shortInterface, offset, length));
			current = null;
			return;
		}
		int number = u8(offset + 2);
		int alternate = u8(offset + 3);
		int interfaceClass = u8(offset + 5);
		int subClass = u8(offset + 6);
		int protocol = u8(offset + 7);
		int nameIndex = u8(offset + 8);
		int previousNumber = lastInterfaceNumber;
		lastInterfaceNumber = number;
		if (interfaceClass == CDC_CLASS && subClass == CDC_ACM_SUBCLASS && alternate == 0) {
			serialInterfaces.add(Integer.valueOf(number));
		}
		if (!DfuClassCodes.isDfuInterface(interfaceClass, subClass)) {
			current = null;
			return;
		}
		InterfaceBuilder builder = interfaces.get(number);
		if (builder == null) {
			builder = new InterfaceBuilder(number, protocol);
			interfaces.put(number, builder);
		} else {
			if (previousNumber != number && !builder.splitReported) {
				builder.splitReported = true;
				builder.problems.add(NLS.bind(Messages.ConfigurationParser_splitAltSettings, number));
			}
			if (protocol != builder.protocol) {
				builder.problems.add(NLS.bind(Messages.ConfigurationParser_protocolMismatch,
						new Object[] { number, alternate, protocol, builder.protocol }));
			}
		}
		if (!builder.altNumbers.add(alternate)) {
			builder.problems.add(NLS.bind(Messages.ConfigurationParser_duplicateAltSetting, number, alternate));
		}
		builder.altSettings.add(new AltSetting(alternate, nameIndex, null));
		current = builder;
	}

	private void readFunctional(int offset, int length) {
		if (current == null) {
			// After an interface of another class, type 0x21 is that class's own descriptor (HID uses it).
			if (lastInterfaceNumber < 0) {
				problems.add(NLS.bind(Messages.ConfigurationParser_orphanFunctional, offset));
			}
			return;
		}
		if (current.functional != null) {
			if (!current.duplicateFunctionalReported) {
				current.duplicateFunctionalReported = true;
				current.problems.add(NLS.bind(Messages.ConfigurationParser_duplicateFunctional, current.number));
			}
			return;
		}
		if (length != FUNCTIONAL_LENGTH_1_0 && length != FUNCTIONAL_LENGTH) {
			current.problems.add(NLS.bind(Messages.ConfigurationParser_functionalLength, current.number, length));
			if (length < FUNCTIONAL_LENGTH_1_0) {
				return;
			}
		}
		current.functional = FunctionalDescriptor.read(bytes, offset, length);
	}

	/** The problem of a DFU interface whose configuration has no functional descriptor for it. */
	static String missingFunctional(int interfaceNumber) {
		return NLS.bind(Messages.ConfigurationParser_missingFunctional, Integer.valueOf(interfaceNumber));
	}

	private int u8(int index) {
		return bytes[index] & 0xFF;
	}

	private int u16(int index) {
		return u8(index) | u8(index + 1) << 8;
	}

	private static String hex(int value) {
		return String.format(Locale.ROOT, "0x%02X", value); //$NON-NLS-1$
	}
}
