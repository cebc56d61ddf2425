package org.dfutools.eclipse.core.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * ELF executables (.elf; MCUXpresso's .axf), 32 and 64 bit, either byte order: what their loadable program
 * headers (PT_LOAD with bytes in the file) hold, at their physical addresses, where a linker script's
 * {@code AT>} puts initialised data (in flash) apart from where it runs (in RAM). Sections and symbols are not
 * read: the program headers are what a loader writes.
 */
final class ElfReader extends SegmentReader {


	private static final int PT_LOAD = 1;
	private static final int CLASS_32 = 1;
	private static final int CLASS_64 = 2;
	private static final int DATA_LITTLE = 1;
	private static final int DATA_BIG = 2;
	private static final int HEADER_32 = 52;
	private static final int HEADER_64 = 64;
	private static final int PROGRAM_HEADER_32 = 32;
	private static final int PROGRAM_HEADER_64 = 56;

	ElfReader() {
		super(Set.of("elf", "axf")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	AddressedImage segments(Path file, byte[] content) throws FirmwareException {
		if (content.length < 16 || content[0] != 0x7F || content[1] != 'E' || content[2] != 'L' || content[3] != 'F') {
			throw bad(file, 0, Messages.Elf_notElf);
		}
		int elfClass = content[4];
		int data = content[5];
		if (elfClass != CLASS_32 && elfClass != CLASS_64) {
			throw bad(file, 4, NLS.bind(Messages.Elf_badClass, Integer.valueOf(elfClass)));
		}
		if (data != DATA_LITTLE && data != DATA_BIG) {
			throw bad(file, 5, NLS.bind(Messages.Elf_badByteOrder, Integer.valueOf(data)));
		}
		boolean wide = elfClass == CLASS_64;
		if (content.length < (wide ? HEADER_64 : HEADER_32)) {
			throw bad(file, content.length, Messages.Elf_truncatedHeader);
		}
		ByteBuffer elf = ByteBuffer.wrap(content).order(data == DATA_LITTLE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		long entry = wide ? elf.getLong(24) : u32(elf, 24);
		long tableOffset = wide ? elf.getLong(32) : u32(elf, 28);
		int entrySize = u16(elf, wide ? 54 : 42);
		int count = u16(elf, wide ? 56 : 44);
		if (count == 0) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_noData, file.getFileName()));
		}
		if (entrySize < (wide ? PROGRAM_HEADER_64 : PROGRAM_HEADER_32)) {
			throw bad(file, wide ? 54 : 42, NLS.bind(Messages.Elf_badHeaderSize, Integer.valueOf(entrySize)));
		}
		if (tableOffset < 0 || tableOffset > content.length || (long) entrySize * count > content.length - tableOffset) {
			throw bad(file, tableOffset, NLS.bind(Messages.Elf_tableBeyondFile, Integer.valueOf(count)));
		}
		SegmentCollector segments = new SegmentCollector(file);
		for (int index = 0; index < count; index++) {
			int at = (int) (tableOffset + (long) entrySize * index);
			if (elf.getInt(at) != PT_LOAD) {
				continue;
			}
			long offset = wide ? elf.getLong(at + 8) : u32(elf, at + 4);
			long physical = wide ? elf.getLong(at + 24) : u32(elf, at + 12);
			long size = wide ? elf.getLong(at + 32) : u32(elf, at + 16);
			String where = NLS.bind(Messages.Elf_programHeader, Integer.valueOf(index));
			if (size < 0 || offset < 0 || offset > content.length || size > content.length - offset) {
				throw bad(file, at, NLS.bind(Messages.Elf_segmentBeyondFile, where));
			}
			byte[] bytes = new byte[(int) size];
			System.arraycopy(content, (int) offset, bytes, 0, bytes.length);
			segments.add(physical, bytes, () -> where);
		}
		return segments.image(OptionalLong.of(entry));
	}

	private static long u32(ByteBuffer buffer, int at) {
		return buffer.getInt(at) & 0xFFFF_FFFFL;
	}

	private static int u16(ByteBuffer buffer, int at) {
		return buffer.getShort(at) & 0xFFFF;
	}

	private static FirmwareException bad(Path file, long offset, String what) {
		return new FirmwareException(NLS.bind(Messages.Elf_bad, new Object[] { file.getFileName(), Long.valueOf(offset), what }));
	}
}
