package org.dfutools.eclipse.tests;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names a compiled class refers to, from the UTF-8 entries of its constant pool (class
 * references, field and method descriptors, signatures), without loading the class.
 */
final class ClassReferences {

	private ClassReferences() {
	}

	static List<String> read(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(in);
		if (data.readInt() != 0xCAFEBABE) {
			throw new IOException("not a class file");
		}
		data.readUnsignedShort(); // minor version
		data.readUnsignedShort(); // major version
		int count = data.readUnsignedShort();
		List<String> strings = new ArrayList<>();
		for (int index = 1; index < count; index++) {
			int tag = data.readUnsignedByte();
			switch (tag) {
			case 1 -> strings.add(data.readUTF());
			case 3, 4 -> data.readInt();
			case 5, 6 -> {
				data.readLong();
				index++; // longs and doubles take two slots
			}
			case 7, 8, 16, 19, 20 -> data.readUnsignedShort();
			case 9, 10, 11, 12, 17, 18 -> data.readInt();
			case 15 -> {
				data.readUnsignedByte();
				data.readUnsignedShort();
			}
			default -> throw new IOException("unknown constant pool tag " + tag);
			}
		}
		return strings;
	}
}
