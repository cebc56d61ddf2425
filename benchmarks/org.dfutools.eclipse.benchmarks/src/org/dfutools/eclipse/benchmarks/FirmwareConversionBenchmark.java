package org.dfutools.eclipse.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dfutools.eclipse.core.firmware.FirmwareFiles;
import org.dfutools.eclipse.core.firmware.FirmwareImage;
import org.dfutools.eclipse.core.firmware.Segment;
import org.dfutools.eclipse.core.device.UsbId;
import org.dfutools.eclipse.testsupport.ArmBuild;
import org.dfutools.eclipse.testsupport.BenchmarkResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading a 1 MiB build output (ELF, Intel HEX) and making what dfu-util is given (the laid-out image of a plain
 * DFU board, the DfuSe file of a DfuSe board), beside {@code arm-none-eabi-objcopy -O binary} of the same file.
 * objcopy's time includes starting its process, as a developer who converts by hand pays it.
 */
class FirmwareConversionBenchmark {

	private static final int WARM_UP = 5;
	private static final int RUNS = 15;
	private static final BenchmarkResults RESULTS = new BenchmarkResults();

	private static Path folder;
	private static ArmBuild.Outputs build;

	@BeforeAll
	static void buildTheFirmware() throws Exception {
		folder = Files.createTempDirectory("firmware-benchmark");
		build = ArmBuild.build(folder, false, 1 << 20);
	}

	@AfterAll
	static void report() throws IOException {
		RESULTS.report("firmware-benchmarks.json");
	}

	@Test
	void readingAndConvertingBesideObjcopy() throws Exception {
		for (Path file : List.of(build.elf(), build.hex())) {
			String kind = file == build.elf() ? "ELF" : "HEX";
			List<Double> plain = new ArrayList<>();
			List<Double> dfuSe = new ArrayList<>();
			List<Double> objcopy = new ArrayList<>();
			byte[] reference = null;
			for (int run = 0; run < WARM_UP + RUNS; run++) {
				long start = System.nanoTime();
				FirmwareImage laidOut = FirmwareFiles.read(file).forPlainDfu();
				long plainNanos = System.nanoTime() - start;
				start = System.nanoTime();
				FirmwareFiles.read(file).forDfuSe(0, "Internal Flash", new UsbId(0x0483, 0xdf11));
				long dfuSeNanos = System.nanoTime() - start;
				Path out = folder.resolve("objcopy-" + run + ".bin");
				long objcopyNanos = file == build.elf() ? ArmBuild.run(folder, "arm-none-eabi-objcopy", "-O", "binary", file.toString(), out.toString())
						: ArmBuild.run(folder, "arm-none-eabi-objcopy", "-I", "ihex", "-O", "binary", file.toString(), out.toString());
				if (reference == null) {
					reference = Files.readAllBytes(out);
					// The same bytes at every address of every segment (objcopy fills gaps with 0x00, DFU Flash with 0xFF).
					for (Segment segment : FirmwareFiles.read(file).segments().orElseThrow().segments()) {
						int at = (int) (segment.address() - ArmBuild.FLASH);
						assertArrayEquals(Arrays.copyOfRange(reference, at, at + segment.data().length),
								Arrays.copyOfRange(laidOut.content(), at, at + segment.data().length), segment.range());
					}
				}
				Files.delete(out);
				if (run >= WARM_UP) {
					plain.add(plainNanos / 1e6);
					dfuSe.add(dfuSeNanos / 1e6);
					objcopy.add(objcopyNanos / 1e6);
				}
			}
			double bare = BenchmarkResults.median(objcopy);
			String size = (FirmwareFiles.read(file).segments().orElseThrow().bytes() >> 10) + " KiB of data";
			RESULTS.add("objcopy -O binary of the " + kind + " (" + size + ")", "ms", objcopy, null, "the reference");
			RESULTS.add("read the " + kind + ", lay out the plain DFU image", "ms", plain, bare, "at most objcopy's time");
			RESULTS.add("read the " + kind + ", make the DfuSe file", "ms", dfuSe, bare, "at most objcopy's time");
		}
	}
}
