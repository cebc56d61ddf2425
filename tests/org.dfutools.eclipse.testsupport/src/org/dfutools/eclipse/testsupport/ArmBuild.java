package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small Cortex-M firmware built in the test run with the real GNU toolchain (Debian's binutils-arm-none-eabi,
 * which ./run-tests installs), and objcopy's binary, Intel HEX and S-record files of it, the references the
 * firmware readers are held to. The image has a vector table and code in flash at 0x08000000, initialised data
 * whose load address follows the code in flash while it runs in RAM at 0x20000000, uninitialised data (no bytes
 * in the file), and a configuration block in a second flash region at 0x08010000, with a gap before it.
 */
public final class ArmBuild {

	/** Where flash starts, and where objcopy's binary begins. */
	public static final long FLASH = 0x0800_0000L;
	/** Where the configuration block is, past a gap. */
	public static final long CONFIG = 0x0801_0000L;

	private static final String SOURCE = """
				.syntax unified
				.cpu cortex-m4
				.thumb
				.section .isr_vector,"a",%progbits
				.word _estack
				.word Reset_Handler
				.word Default_Handler
				.word Default_Handler
				.space PADDING
				.text
				.thumb_func
				.global Reset_Handler
			Reset_Handler:
				ldr r0, =_sidata
				ldr r1, =_sdata
				ldr r2, =_edata
			1:	cmp r1, r2
				bge 2f
				ldr r3, [r0], #4
				str r3, [r1], #4
				b 1b
			2:	b 2b
				.thumb_func
			Default_Handler:
				b Default_Handler
				.data
			counter: .word 0x12345678
			table: .word 1, 2, 3, 4, 5, 6, 7, 8
				.section .config,"a",%progbits
			config: .ascii "CONFIG-BLOCK"
				.word 0xCAFEBABE
				.bss
			buffer: .space 256
			""";

	private static final String LINKER_SCRIPT = """
			MEMORY {
			  FLASH (rx)  : ORIGIN = 0x08000000, LENGTH = 2M
			  CONFIG (r)  : ORIGIN = 0x08010000, LENGTH = 16K
			  RAM (rwx)   : ORIGIN = 0x20000000, LENGTH = 32K
			}
			_estack = ORIGIN(RAM) + LENGTH(RAM);
			ENTRY(Reset_Handler)
			SECTIONS {
			  .isr_vector : { KEEP(*(.isr_vector)) } > FLASH
			  .text : { *(.text*) *(.rodata*) . = ALIGN(4); } > FLASH
			  _sidata = LOADADDR(.data);
			  .data : { _sdata = .; *(.data*) . = ALIGN(4); _edata = .; } > RAM AT> FLASH
			  .config : { KEEP(*(.config)) } > CONFIG
			  .bss (NOLOAD) : { *(.bss*) } > RAM
			}
			""";

	/** The files of one build. */
	public record Outputs(Path elf, Path binary, Path hex, Path srec) {
	}

	private ArmBuild() {
	}

	/**
	 * Builds the firmware in {@code folder}, big-endian when asked, with {@code padding} bytes after the vector
	 * table (0 for the small image). Fails, naming the package, when the toolchain is missing.
	 */
	public static Outputs build(Path folder, boolean bigEndian, int padding) throws IOException, InterruptedException {
		Path source = Files.writeString(folder.resolve("app.s"), SOURCE.replace("PADDING", Integer.toString(padding)),
				StandardCharsets.US_ASCII);
		Path script = Files.writeString(folder.resolve("app.ld"), padding > 0xFFFF
				? LINKER_SCRIPT.replace("CONFIG (r)  : ORIGIN = 0x08010000", "CONFIG (r)  : ORIGIN = 0x08200000")
				: LINKER_SCRIPT, StandardCharsets.US_ASCII);
		Path object = folder.resolve("app.o");
		Path elf = folder.resolve("app.elf");
		String order = bigEndian ? "-EB" : "-EL";
		run(folder, "arm-none-eabi-as", order, "-o", object.toString(), source.toString());
		run(folder, "arm-none-eabi-ld", order, "-T", script.toString(), "-o", elf.toString(), object.toString());
		Outputs outputs = new Outputs(elf, folder.resolve("app.bin"), folder.resolve("app.hex"), folder.resolve("app.srec"));
		run(folder, "arm-none-eabi-objcopy", "-O", "binary", elf.toString(), outputs.binary().toString());
		run(folder, "arm-none-eabi-objcopy", "-O", "ihex", elf.toString(), outputs.hex().toString());
		run(folder, "arm-none-eabi-objcopy", "-O", "srec", elf.toString(), outputs.srec().toString());
		return outputs;
	}

	/** Runs one toolchain program and returns how long it took, in nanoseconds. */
	public static long run(Path folder, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(command));
		long start = System.nanoTime();
		Process process;
		try {
			process = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true).start();
		} catch (IOException e) {
			throw new IOException(command[0] + " is missing: install Debian's binutils-arm-none-eabi (./run-tests does)", e);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", line) + " did not end within 60 s");
		}
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", line) + " failed with " + process.exitValue() + ": " + output);
		}
		return System.nanoTime() - start;
	}
}
