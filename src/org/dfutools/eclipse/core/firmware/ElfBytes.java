package org.dfutools.eclipse.core.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Where an ELF file's bytes come from: contents in memory, or the file itself, read only at the offsets asked for
 * (its headers and loadable segments, not the debug sections that make most of a build's ELF). Offsets and lengths
 * are checked against {@link #length()} by the caller.
 */
interface ElfBytes {

	long length() throws IOException;

	byte[] read(long offset, int length) throws IOException;

	static ElfBytes of(byte[] content) {
		return new ElfBytes() {
			@Override
			public long length() {
				return content.length;
			}

			@Override
			public byte[] read(long offset, int length) {
				return Arrays.copyOfRange(content, (int) offset, (int) offset + length);
			}
		};
	}

	static ElfBytes of(FileChannel channel) {
		return new ElfBytes() {
			@Override
			public long length() throws IOException {
				return channel.size();
			}

			@Override
			public byte[] read(long offset, int length) throws IOException {
				ByteBuffer bytes = ByteBuffer.allocate(length);
				while (bytes.hasRemaining()) {
					if (channel.read(bytes, offset + bytes.position()) < 0) {
						throw new EOFException(); // the file was cut short while it was read
					}
				}
				return bytes.array();
			}
		};
	}
}
