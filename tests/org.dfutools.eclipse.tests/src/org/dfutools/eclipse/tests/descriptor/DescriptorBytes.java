package org.dfutools.eclipse.tests.descriptor;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds configuration descriptor bytes for tests: a header whose wTotalLength and bNumInterfaces
 * are filled in by {@link #build()}, followed by the descriptors in the order they are added.
 */
final class DescriptorBytes {

	static final int CLASS_CDC = 0x02;
	static final int CLASS_CDC_DATA = 0x0A;
	static final int CLASS_DFU = 0xFE;
	static final int SUBCLASS_DFU = 0x01;
	static final int PROTOCOL_RUNTIME = 1;
	static final int PROTOCOL_DFU_MODE = 2;

	private final int configurationValue;
	private final ByteArrayOutputStream body = new ByteArrayOutputStream();
	private final Set<Integer> interfaceNumbers = new HashSet<>();

	private DescriptorBytes(int configurationValue) {
		this.configurationValue = configurationValue;
	}

	static DescriptorBytes configuration(int configurationValue) {
		return new DescriptorBytes(configurationValue);
	}

	DescriptorBytes interfaceDescriptor(int number, int alternate, int endpoints, int interfaceClass, int subClass,
			int protocol, int nameIndex) {
		interfaceNumbers.add(number);
		return raw(9, 0x04, number, alternate, endpoints, interfaceClass, subClass, protocol, nameIndex);
	}

	DescriptorBytes dfuInterface(int number, int alternate, int protocol, int nameIndex) {
		return interfaceDescriptor(number, alternate, 0, CLASS_DFU, SUBCLASS_DFU, protocol, nameIndex);
	}

	DescriptorBytes endpoint(int address, int attributes, int maxPacketSize, int interval) {
		return raw(7, 0x05, address, attributes, maxPacketSize & 0xFF, maxPacketSize >> 8, interval);
	}

	/** A DFU 1.1 functional descriptor (9 bytes). */
	DescriptorBytes functional(int attributes, int detachTimeoutMs, int transferSize, int dfuVersion) {
		return raw(9, 0x21, attributes, detachTimeoutMs & 0xFF, detachTimeoutMs >> 8, transferSize & 0xFF,
				transferSize >> 8, dfuVersion & 0xFF, dfuVersion >> 8);
	}

	/** A DFU 1.0 functional descriptor (7 bytes, no bcdDFUVersion). */
	DescriptorBytes functional10(int attributes, int detachTimeoutMs, int transferSize) {
		return raw(7, 0x21, attributes, detachTimeoutMs & 0xFF, detachTimeoutMs >> 8, transferSize & 0xFF,
				transferSize >> 8);
	}

	/** Bytes added as they are, for descriptors of other classes and for deliberate defects. */
	DescriptorBytes raw(int... values) {
		for (int value : values) {
			body.write(value);
		}
		return this;
	}

	/** The descriptor with the correct wTotalLength. */
	byte[] build() {
		return build(9 + body.size());
	}

	/** The descriptor with the given wTotalLength, whatever its real length. */
	byte[] build(int totalLength) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(9);
		out.write(0x02);
		out.write(totalLength & 0xFF);
		out.write(totalLength >> 8 & 0xFF);
		out.write(interfaceNumbers.size());
		out.write(configurationValue);
		out.write(0); // iConfiguration
		out.write(0x80); // bus powered
		out.write(50); // 100 mA
		out.writeBytes(body.toByteArray());
		return out.toByteArray();
	}
}
