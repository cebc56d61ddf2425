package org.dfutools.eclipse.core.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory that an alt setting of a DfuSe bootloader describes in its name (ST's UM0424, as dfu-util's
 * dfuse_mem.c reads it): {@code @Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg}. After the name come
 * one or more address blocks, each an address and its sectors: a count, a size with an optional unit (K, M)
 * and a type letter from {@code a} to {@code g}, a bit mask of readable (1), erasable (2) and writable (4).
 *
 * @param name    what comes before the first address, without the {@code @} and trailing blanks
 * @param sectors every sector in address order
 */
public record DfuSeMemoryLayout(String name, List<Sector> sectors) {

	private static final Pattern ADDRESS = Pattern.compile("\\s*0[xX]([0-9a-fA-F]{1,8})\\s*"); //$NON-NLS-1$
	private static final Pattern SECTORS = Pattern.compile("\\s*(\\d{1,6})\\s*\\*\\s*(\\d{1,6})\\s*([BKM]?)\\s*([a-g]?)\\s*"); //$NON-NLS-1$

	/** One sector: {@code size} bytes from {@code address}, of the type letter's kind. */
	public record Sector(long address, long size, char type) {

		public long end() {
			return address + size;
		}

		public boolean readable() {
			return bits() % 2 == 1;
		}

		public boolean erasable() {
			return (bits() & 2) != 0;
		}

		public boolean writable() {
			return (bits() & 4) != 0;
		}

		private int bits() {
			return type == ' ' ? 0 : type - 'a' + 1;
		}
	}

	public DfuSeMemoryLayout {
		sectors = List.copyOf(sectors);
	}

	/** The layout in an alt setting's name; empty when the name is not one (a plain DFU alt, or garbage). */
	public static Optional<DfuSeMemoryLayout> parse(String altName) {
		if (altName == null || !altName.startsWith("@")) { //$NON-NLS-1$
			return Optional.empty();
		}
		String[] parts = altName.substring(1).split("/", -1); //$NON-NLS-1$
		List<Sector> sectors = new ArrayList<>();
		for (int index = 1; index + 1 < parts.length; index += 2) {
			Matcher address = ADDRESS.matcher(parts[index]);
			if (!address.matches()) {
				return Optional.empty();
			}
			long next = Long.parseLong(address.group(1), 16);
			for (String group : parts[index + 1].split(",", -1)) { //$NON-NLS-1$
				Matcher sector = SECTORS.matcher(group);
				if (!sector.matches()) {
					return Optional.empty();
				}
				int count = Integer.parseInt(sector.group(1));
				long size = Long.parseLong(sector.group(2)) * switch (sector.group(3)) {
				case "K" -> 1024L; //$NON-NLS-1$
				case "M" -> 1024L * 1024; //$NON-NLS-1$
				default -> 1L;
				};
				char type = sector.group(4).isEmpty() ? ' ' : sector.group(4).charAt(0);
				for (int n = 0; n < count; n++) {
					sectors.add(new Sector(next, size, type));
					next += size;
				}
			}
		}
		if (sectors.isEmpty() || parts.length % 2 == 0) {
			return Optional.empty();
		}
		return Optional.of(new DfuSeMemoryLayout(parts[0].strip(), sectors));
	}

	/** A run of adjacent sectors: {@code size} bytes from {@code address}. */
	public record Region(long address, long size) {
	}

	/** The runs of adjacent writable sectors, in address order: what can be written back, and so what a save reads. */
	public List<Region> writableRegions() {
		List<Region> regions = new ArrayList<>();
		long start = -1;
		long end = -1;
		for (Sector sector : sectors) {
			if (sector.writable() && sector.address() == end) {
				end = sector.end();
				continue;
			}
			if (start >= 0) {
				regions.add(new Region(start, end - start));
			}
			start = sector.writable() ? sector.address() : -1;
			end = sector.writable() ? sector.end() : -1;
		}
		if (start >= 0) {
			regions.add(new Region(start, end - start));
		}
		return regions;
	}

	/** The first address of {@code [start, end)} that no writable sector holds; empty when every byte may be written. */
	public Optional<Long> firstUnwritable(long start, long end) {
		return firstNot(Sector::writable, start, end);
	}

	/** The first address of {@code [start, end)} that no readable sector holds; empty when every byte may be read. */
	public Optional<Long> firstUnreadable(long start, long end) {
		return firstNot(Sector::readable, start, end);
	}

	private Optional<Long> firstNot(Predicate<Sector> kind, long start, long end) {
		long at = start;
		for (Sector sector : sectors) {
			if (at >= end) {
				break;
			}
			if (sector.end() <= at) {
				continue;
			}
			if (sector.address() > at || !kind.test(sector)) {
				return Optional.of(Long.valueOf(at));
			}
			at = sector.end();
		}
		return at < end ? Optional.of(Long.valueOf(at)) : Optional.empty();
	}
}
