package org.dfutools.eclipse.tests.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Region;
import org.dfutools.eclipse.core.descriptor.DfuSeMemoryLayout.Sector;
import org.junit.jupiter.api.Test;

/** DfuSe memory layouts as ST's bootloaders write them into their alt names (and dfu-util's dfuse_mem.c reads them). */
class DfuSeMemoryLayoutTest {

	@Test
	void anStm32F4FlashLayoutIsItsTwelveSectors() {
		DfuSeMemoryLayout layout = DfuSeMemoryLayout.parse("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg").orElseThrow();
		assertEquals("Internal Flash", layout.name());
		assertEquals(12, layout.sectors().size());
		assertEquals(new Sector(0x0800_0000L, 16 * 1024, 'g'), layout.sectors().get(0));
		assertEquals(new Sector(0x0801_0000L, 64 * 1024, 'g'), layout.sectors().get(4));
		assertEquals(0x0810_0000L, layout.sectors().get(11).end());
		Sector first = layout.sectors().get(0);
		assertTrue(first.readable() && first.erasable() && first.writable());
		assertEquals(Optional.empty(), layout.firstUnwritable(0x0800_0000L, 0x0810_0000L));
		assertEquals(Optional.of(0x0810_0000L), layout.firstUnwritable(0x080F_FFF0L, 0x0810_0010L), "past the end");
		assertEquals(Optional.of(0x07FF_FFFFL), layout.firstUnwritable(0x07FF_FFFFL, 0x0800_0010L), "before the start");
	}

	@Test
	void sectorTypesSizesWithoutUnitsAndSeveralBlocksAreRead() {
		DfuSeMemoryLayout bytes = DfuSeMemoryLayout.parse("@Option Bytes  /0x1FFFC000/01*016 e").orElseThrow();
		assertEquals(List.of(new Sector(0x1FFF_C000L, 16, 'e')), bytes.sectors());
		assertTrue(bytes.sectors().get(0).readable() && bytes.sectors().get(0).writable() && !bytes.sectors().get(0).erasable());
		DfuSeMemoryLayout mixed = DfuSeMemoryLayout.parse("@Flash/0x08000000/2*1Ka,2*1Kg/0x08100000/1*1Mg").orElseThrow();
		assertEquals(5, mixed.sectors().size());
		assertEquals(Optional.of(0x0800_0000L), mixed.firstUnwritable(0x0800_0000L, 0x0800_0010L), "a read-only sector");
		assertEquals(Optional.empty(), mixed.firstUnwritable(0x0800_0800L, 0x0800_1000L));
		assertEquals(Optional.of(0x0800_1000L), mixed.firstUnwritable(0x0800_0800L, 0x0810_0010L), "the gap between the blocks");
		assertEquals(Optional.empty(), mixed.firstUnwritable(0x0810_0000L, 0x0820_0000L));
	}

	/** What Save Firmware from Board reads by default: runs of adjacent writable sectors. */
	@Test
	void writableRegionsJoinAdjacentWritableSectorsOnly() {
		assertEquals(List.of(new Region(0x0800_0000L, 0x10_0000L)),
				DfuSeMemoryLayout.parse("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg").orElseThrow().writableRegions());
		assertEquals(List.of(new Region(0x0800_0800L, 0x800L), new Region(0x0810_0000L, 0x10_0000L)),
				DfuSeMemoryLayout.parse("@Flash/0x08000000/2*1Ka,2*1Kg/0x08100000/1*1Mg").orElseThrow().writableRegions());
		assertEquals(List.of(new Region(0x0800_0000L, 0x400L), new Region(0x0800_0800L, 0x400L)),
				DfuSeMemoryLayout.parse("@Flash/0x08000000/1*1Kg,1*1Ka,1*1Kg").orElseThrow().writableRegions(), "a read-only sector between");
		assertEquals(List.of(), DfuSeMemoryLayout.parse("@Config  /0x08010000/01*016Ka").orElseThrow().writableRegions());
	}

	@Test
	void namesThatAreNoLayoutAreNone() {
		for (String name : new String[] { null, "Flash", "@Flash", "@Flash/0x08000000", "@Flash/zz/1*1Kg", "@Flash/0x0800/1x1Kg",
				"@Flash/0x08000000/1*1Kz", "@Flash/0x08000000/" }) {
			assertEquals(Optional.empty(), DfuSeMemoryLayout.parse(name), name);
		}
	}
}
