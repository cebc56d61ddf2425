package org.dfutools.eclipse.tests.descriptor;

import static org.dfutools.eclipse.tests.descriptor.DescriptorBytes.PROTOCOL_DFU_MODE;
import static org.dfutools.eclipse.tests.descriptor.DescriptorBytes.PROTOCOL_RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.dfutools.eclipse.core.descriptor.ConfigurationInfo;
import org.dfutools.eclipse.core.descriptor.ConfigurationParser;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.junit.jupiter.api.Test;

/** Mutates valid configuration descriptors at random; the parser must neither throw nor hang. */
class ConfigurationParserFuzzTest {

	private static final long SEED = 0x5EED_DF11_2024L;
	private static final int INPUTS = 200_000;
	private static final Duration LIMIT = Duration.ofSeconds(60);

	/** Values that mean something in a descriptor, so mutations reach the interesting branches more often. */
	private static final int[] INTERESTING = { 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 0x0B, 0x21, 0x24, 0x7F, 0x80, 0xFE,
			0xFF };

	private static final List<byte[]> FIXTURES = List.of(
			DescriptorBytes.configuration(1)
					.raw(8, 0x0B, 0, 2, DescriptorBytes.CLASS_CDC, 0x02, 0x01, 0)
					.interfaceDescriptor(0, 0, 1, DescriptorBytes.CLASS_CDC, 0x02, 0x01, 0)
					.raw(5, 0x24, 0x00, 0x10, 0x01)
					.raw(5, 0x24, 0x06, 0x00, 0x01)
					.endpoint(0x82, 0x03, 8, 16)
					.interfaceDescriptor(1, 0, 2, DescriptorBytes.CLASS_CDC_DATA, 0, 0, 0)
					.endpoint(0x01, 0x02, 64, 0)
					.endpoint(0x81, 0x02, 64, 0)
					.dfuInterface(2, 0, PROTOCOL_RUNTIME, 5)
					.functional(0x0D, 1000, 2048, 0x0110)
					.build(),
			DescriptorBytes.configuration(1)
					.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 4)
					.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 5)
					.dfuInterface(0, 2, PROTOCOL_DFU_MODE, 6)
					.functional(0x0B, 255, 2048, 0x011A)
					.build(),
			DescriptorBytes.configuration(1)
					.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
					.functional10(0x03, 500, 256)
					.build(),
			DescriptorBytes.configuration(2)
					.dfuInterface(3, 0, PROTOCOL_RUNTIME, 7)
					.functional(0x09, 100, 64, 0x0110)
					.interfaceDescriptor(0, 0, 1, 0x03, 0x01, 0x01, 0)
					.raw(9, 0x21, 0x11, 0x01, 0, 1, 0x22, 63, 0)
					.endpoint(0x81, 0x03, 8, 10)
					.dfuInterface(1, 0, PROTOCOL_DFU_MODE, 8)
					.functional(0x0B, 0x1234, 0xABCD, 0x0110)
					.build());

	@Test
	void mutatedDescriptorsNeverBreakTheParser() {
		assertTimeoutPreemptively(LIMIT, () -> {
			Random random = new Random(SEED);
			long start = System.nanoTime();
			for (int input = 0; input < INPUTS; input++) {
				byte[] bytes = mutate(random);
				check(bytes, input);
			}
			long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
			System.out.printf("ConfigurationParserFuzzTest: %,d inputs in %,d ms (%,d inputs/s)%n", INPUTS, millis,
					INPUTS * 1000L / millis);
		}, () -> "the parser did not finish " + INPUTS + " inputs in " + LIMIT + " (seed 0x" + Long.toHexString(SEED)
				+ ")");
	}

	@Test
	void theFixturesThemselvesAreClean() {
		for (byte[] fixture : FIXTURES) {
			ConfigurationInfo info = ConfigurationParser.parse(fixture);
			assertEquals(List.of(), info.problems());
			assertTrue(info.hasDfuInterface());
			info.dfuInterfaces().forEach(dfu -> assertEquals(List.of(), dfu.problems()));
		}
	}

	private static void check(byte[] bytes, int input) {
		String context = "seed 0x" + Long.toHexString(SEED) + ", input " + input + ", bytes "
				+ (bytes == null ? "null" : HexFormat.of().formatHex(bytes));
		ConfigurationInfo info;
		try {
			info = ConfigurationParser.parse(bytes);
		} catch (Throwable t) {
			fail("parse threw for " + context, t);
			return;
		}
		assertNotNull(info, context);
		assertNotNull(info.dfuInterfaces(), context);
		assertNotNull(info.problems(), context);
		info.problems().forEach(problem -> assertFalse(problem == null || problem.isBlank(), context));
		Set<Integer> numbers = new HashSet<>();
		for (DfuInterface dfu : info.dfuInterfaces()) {
			assertNotNull(dfu, context);
			assertNotNull(dfu.altSettings(), context);
			assertFalse(dfu.altSettings().isEmpty(), context);
			assertNotNull(dfu.functional(), context);
			assertNotNull(dfu.problems(), context);
			dfu.problems().forEach(problem -> assertFalse(problem == null || problem.isBlank(), context));
			assertTrue(numbers.add(dfu.interfaceNumber()), () -> "interface listed twice: " + context);
			dfu.functional().ifPresent(functional -> {
				assertNotNull(functional.versionText(), context);
				assertNotNull(functional.attributeWords(), context);
			});
		}
	}

	private static byte[] mutate(Random random) {
		int kind = random.nextInt(100);
		if (kind == 0) {
			return null;
		}
		if (kind < 3) {
			byte[] noise = new byte[random.nextInt(80)];
			random.nextBytes(noise);
			return noise;
		}
		byte[] bytes = FIXTURES.get(random.nextInt(FIXTURES.size())).clone();
		int mutations = 1 + random.nextInt(4);
		for (int i = 0; i < mutations; i++) {
			bytes = mutateOnce(random, bytes);
		}
		return bytes;
	}

	private static byte[] mutateOnce(Random random, byte[] bytes) {
		if (bytes.length == 0) {
			return insert(random, bytes);
		}
		return switch (random.nextInt(7)) {
		case 0 -> {
			bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
			yield bytes;
		}
		case 1 -> {
			bytes[random.nextInt(bytes.length)] = (byte) someByte(random);
			yield bytes;
		}
		case 2 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
		case 3 -> insert(random, bytes);
		case 4 -> delete(random, bytes);
		case 5 -> corruptField(random, bytes, 0);
		default -> corruptField(random, bytes, 1 + random.nextInt(2));
		};
	}

	/** Overwrites bLength (field 0), bDescriptorType (1) or the header's wTotalLength (2) of some descriptor. */
	private static byte[] corruptField(Random random, byte[] bytes, int field) {
		if (field == 2) {
			if (bytes.length >= 4) {
				int total = random.nextBoolean() ? random.nextInt(0x10000) : bytes.length + random.nextInt(21) - 10;
				bytes[2] = (byte) total;
				bytes[3] = (byte) (total >> 8);
			}
			return bytes;
		}
		int[] starts = descriptorStarts(bytes);
		int start = starts[random.nextInt(starts.length)];
		if (start + field < bytes.length) {
			bytes[start + field] = (byte) someByte(random);
		}
		return bytes;
	}

	/** Offsets where descriptors begin, following bLength while it stays sane; offset 0 is always there. */
	private static int[] descriptorStarts(byte[] bytes) {
		int[] starts = new int[bytes.length / 2 + 1];
		int count = 0;
		int offset = 0;
		while (offset < bytes.length && count < starts.length) {
			starts[count++] = offset;
			int length = bytes[offset] & 0xFF;
			if (length < 2) {
				break;
			}
			offset += length;
		}
		return Arrays.copyOf(starts, Math.max(count, 1));
	}

	private static byte[] insert(Random random, byte[] bytes) {
		int at = random.nextInt(bytes.length + 1);
		int count = 1 + random.nextInt(16);
		byte[] result = new byte[bytes.length + count];
		System.arraycopy(bytes, 0, result, 0, at);
		for (int i = 0; i < count; i++) {
			result[at + i] = (byte) someByte(random);
		}
		System.arraycopy(bytes, at, result, at + count, bytes.length - at);
		return result;
	}

	private static byte[] delete(Random random, byte[] bytes) {
		int at = random.nextInt(bytes.length);
		int count = 1 + random.nextInt(Math.min(16, bytes.length - at));
		byte[] result = new byte[bytes.length - count];
		System.arraycopy(bytes, 0, result, 0, at);
		System.arraycopy(bytes, at + count, result, at, bytes.length - at - count);
		return result;
	}

	private static int someByte(Random random) {
		return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(256);
	}
}
