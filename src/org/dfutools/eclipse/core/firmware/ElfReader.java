package org.dfutools.eclipse.core.firmware;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
		try {
			return segments(file, ElfBytes.of(content));
		} catch (IOException e) {
			throw new IllegalStateException(e); // bytes in memory cannot fail to be read
		}
	}

	/** Reads the headers and the loadable segments from the file, not its sections (debug information can be most of it). */
	@Override
	public FirmwareImage readFile(Path file) throws FirmwareException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			if (channel.size() == 0) {
				throw new FirmwareException(NLS.bind(Messages.Firmware_empty, file));
			}
			return FirmwareImage.ofSegments(file, segments(file, ElfBytes.of(channel)));
		} catch (IOException e) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_unreadable, file, e.getMessage()), e);
		}
	}

	@Override
	public boolean readsWholeFile() {
		return false;
	}

	private static AddressedImage segments(Path file, ElfBytes content) throws FirmwareException, IOException {
		ProgramHeaders headers = programHeaders(file, content);
		long length = content.length();
		boolean wide = headers.wide();
		ByteBuffer table = ByteBuffer.wrap(content.read(headers.offset(), headers.entrySize() * headers.count()))
				.order(headers.order());
		SegmentCollector segments = new SegmentCollector(file);
		for (int index = 0; index < headers.count(); index++) {
			int at = headers.entrySize() * index;
			if (table.getInt(at) != PT_LOAD) {
				continue;
			}
			long offset = wide ? table.getLong(at + 8) : u32(table, at + 4);
			long physical = wide ? table.getLong(at + 24) : u32(table, at + 12);
			long size = wide ? table.getLong(at + 32) : u32(table, at + 16);
			String where = NLS.bind(Messages.Elf_programHeader, Integer.valueOf(index));
			long headerAt = headers.offset() + at;
			if (size < 0 || offset < 0 || offset > length || size > length - offset) {
				throw bad(file, headerAt, NLS.bind(Messages.Elf_segmentBeyondFile, where));
			}
			if (size > PlainLayout.LARGEST_IMAGE) { // a damaged header must not ask for gigabytes
				throw bad(file, headerAt, NLS.bind(Messages.Elf_segmentTooLarge, where, Long.valueOf(size)));
			}
			segments.add(physical, content.read(offset, (int) size), () -> where);
		}
		return segments.image(OptionalLong.of(headers.entry()));
	}

	/** Where the file's program header table is and how to read it, from its ELF header. */
	private record ProgramHeaders(boolean wide, ByteOrder order, long entry, long offset, int entrySize, int count) {
	}

	/** The ELF header read and checked: an ELF file of 32 or 64 bits, either byte order, its table within the file. */
	private static ProgramHeaders programHeaders(Path file, ElfBytes content) throws FirmwareException, IOException {
		long length = content.length();
		byte[] ident = content.read(0, (int) Math.min(length, HEADER_64));
		if (ident.length < 16 || ident[0] != 0x7F || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
			throw bad(file, 0, Messages.Elf_notElf);
		}
		int elfClass = ident[4];
		int data = ident[5];
		if (elfClass != CLASS_32 && elfClass != CLASS_64) {
			throw bad(file, 4, NLS.bind(Messages.Elf_badClass, Integer.valueOf(elfClass)));
		}
		if (data != DATA_LITTLE && data != DATA_BIG) {
			throw bad(file, 5, NLS.bind(Messages.Elf_badByteOrder, Integer.valueOf(data)));
		}
		boolean wide = elfClass == CLASS_64;
		if (length < (wide ? HEADER_64 : HEADER_32)) {
			throw bad(file, length, Messages.Elf_truncatedHeader);
		}
		ByteOrder order = data == DATA_LITTLE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		ByteBuffer header = ByteBuffer.wrap(ident).order(order);
		long tableOffset = wide ? header.getLong(32) : u32(header, 28);
		int entrySize = u16(header, wide ? 54 : 42);
		int count = u16(header, wide ? 56 : 44);
		if (count == 0) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_noData, file.getFileName()));
		}
		if (entrySize < (wide ? PROGRAM_HEADER_64 : PROGRAM_HEADER_32)) {
			throw bad(file, wide ? 54 : 42, NLS.bind(Messages.Elf_badHeaderSize, Integer.valueOf(entrySize)));
		}
		if (tableOffset < 0 || tableOffset > length || (long) entrySize * count > length - tableOffset) {
			throw bad(file, tableOffset, NLS.bind(Messages.Elf_tableBeyondFile, Integer.valueOf(count)));
		}
		return new ProgramHeaders(wide, order, wide ? header.getLong(24) : u32(header, 24), tableOffset, entrySize, count);
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
