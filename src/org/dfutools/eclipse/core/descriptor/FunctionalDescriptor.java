package org.dfutools.eclipse.core.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DFU functional descriptor of one DFU interface (USB DFU 1.1, section 4.1.3).
 *
 * @param length bLength as read: 9, or 7 for a DFU 1.0 descriptor without bcdDFUVersion
 * @param attributes bmAttributes
 * @param detachTimeoutMs wDetachTimeOut, in milliseconds
 * @param transferSize wTransferSize, the largest control transfer the device accepts, in bytes
 * @param dfuVersion bcdDFUVersion; 0x0100 when the descriptor is too short to carry it
 */
public record FunctionalDescriptor(int length, int attributes, int detachTimeoutMs, int transferSize,
		int dfuVersion) {

	/** bcdDFUVersion of ST's DfuSe extension. */
	public static final int VERSION_DFUSE = 0x011A;

	/** bcdDFUVersion implied by a descriptor that lacks the field. */
	public static final int VERSION_1_0 = 0x0100;

	/** bcdDFUVersion of USB DFU 1.1. */
	public static final int VERSION_1_1 = 0x0110;

	/** bDescriptorType of the DFU functional descriptor. */
	public static final int TYPE = 0x21;
	/** bLength of the DFU 1.0 form, without bcdDFUVersion. */
	public static final int LENGTH_1_0 = 7;
	/** bLength of the DFU 1.1 form. */
	public static final int LENGTH = 9;

	private static final int CAN_DOWNLOAD = 1 << 0;
	private static final int CAN_UPLOAD = 1 << 1;
	private static final int MANIFESTATION_TOLERANT = 1 << 2;
	private static final int WILL_DETACH = 1 << 3;

	/**
	 * The descriptor of {@code length} bytes (at least 7) at {@code offset}; without bcdDFUVersion when it is shorter
	 * than 9 bytes.
	 */
	static FunctionalDescriptor read(byte[] bytes, int offset, int length) {
		int version = length >= LENGTH ? u16(bytes, offset + 7) : VERSION_1_0;
		return new FunctionalDescriptor(length, bytes[offset + 2] & 0xFF, u16(bytes, offset + 3), u16(bytes, offset + 5),
				version);
	}

	/**
	 * A functional descriptor that came on its own, as GET_DESCRIPTOR(0x21) answers on devices that leave it out of
	 * their configuration (dfu-util asks for it then): empty unless the bytes are one, of 7 or 9 bytes.
	 */
	public static Optional<FunctionalDescriptor> parse(byte[] bytes) {
		if (bytes.length < LENGTH_1_0 || (bytes[1] & 0xFF) != TYPE) {
			return Optional.empty();
		}
		int length = bytes[0] & 0xFF;
		if ((length != LENGTH_1_0 && length != LENGTH) || length > bytes.length) {
			return Optional.empty();
		}
		return Optional.of(read(bytes, 0, length));
	}

	private static int u16(byte[] bytes, int index) {
		return (bytes[index] & 0xFF) | (bytes[index + 1] & 0xFF) << 8;
	}

	public boolean canDownload() {
		return (attributes & CAN_DOWNLOAD) != 0;
	}

	public boolean canUpload() {
		return (attributes & CAN_UPLOAD) != 0;
	}

	/** Whether the device still answers on the bus after manifestation, instead of needing a reset. */
	public boolean manifestationTolerant() {
		return (attributes & MANIFESTATION_TOLERANT) != 0;
	}

	/** Whether the device detaches by itself on DFU_DETACH, so the host must not reset it. */
	public boolean willDetach() {
		return (attributes & WILL_DETACH) != 0;
	}

	public boolean isDfuSe() {
		return dfuVersion == VERSION_DFUSE;
	}

	/** Whether the descriptor has the DFU 1.0 layout, without bcdDFUVersion. */
	public boolean isDfu10() {
		return length == LENGTH_1_0;
	}

	/** The DFU version for display, such as "1.1" or "1.1a (DfuSe)". */
	public String versionText() {
		return switch (dfuVersion) {
		case VERSION_1_0 -> "1.0"; //$NON-NLS-1$
		case VERSION_1_1 -> "1.1"; //$NON-NLS-1$
		case VERSION_DFUSE -> "1.1a (DfuSe)"; //$NON-NLS-1$
		default -> String.format(Locale.ROOT, "%x.%02x", dfuVersion >> 8, dfuVersion & 0xFF); //$NON-NLS-1$
		};
	}

	/** Short words for the set attribute bits, for display. */
	public List<String> attributeWords() {
		List<String> words = new ArrayList<>(4);
		if (willDetach()) {
			words.add("will-detach"); //$NON-NLS-1$
		}
		if (canDownload()) {
			words.add("download"); //$NON-NLS-1$
		}
		if (canUpload()) {
			words.add("upload"); //$NON-NLS-1$
		}
		if (manifestationTolerant()) {
			words.add("manifest-tolerant"); //$NON-NLS-1$
		}
		return List.copyOf(words);
	}
}
