package org.dfutools.eclipse.tests.descriptor;

import static org.dfutools.eclipse.tests.descriptor.DescriptorBytes.PROTOCOL_DFU_MODE;
import static org.dfutools.eclipse.tests.descriptor.DescriptorBytes.PROTOCOL_RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.dfutools.eclipse.core.descriptor.AltSetting;
import org.dfutools.eclipse.core.descriptor.ConfigurationInfo;
import org.dfutools.eclipse.core.descriptor.ConfigurationParser;
import org.dfutools.eclipse.core.descriptor.DfuInterface;
import org.dfutools.eclipse.core.descriptor.FunctionalDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationParserTest {

	private static final int DFU_1_1 = 0x0110;
	private static final int DFUSE = 0x011A;

	/** A CDC ACM pair (association, control with its class descriptors, data) and a run-time DFU interface. */
	private static byte[] cdcWithRuntimeDfu() {
		return DescriptorBytes.configuration(1)
				.raw(8, 0x0B, 0, 2, DescriptorBytes.CLASS_CDC, 0x02, 0x01, 0) // interface association
				.interfaceDescriptor(0, 0, 1, DescriptorBytes.CLASS_CDC, 0x02, 0x01, 0)
				.raw(5, 0x24, 0x00, 0x10, 0x01) // CDC header
				.raw(5, 0x24, 0x01, 0x00, 0x01) // call management
				.raw(4, 0x24, 0x02, 0x02) // abstract control management
				.raw(5, 0x24, 0x06, 0x00, 0x01) // union
				.endpoint(0x82, 0x03, 8, 16)
				.interfaceDescriptor(1, 0, 2, DescriptorBytes.CLASS_CDC_DATA, 0, 0, 0)
				.endpoint(0x01, 0x02, 64, 0)
				.endpoint(0x81, 0x02, 64, 0)
				.dfuInterface(2, 0, PROTOCOL_RUNTIME, 5)
				.functional(0x0D, 1000, 2048, DFU_1_1)
				.build();
	}

	private static DfuInterface only(ConfigurationInfo info) {
		assertEquals(1, info.dfuInterfaces().size(), () -> "DFU interfaces: " + info);
		return info.dfuInterfaces().get(0);
	}

	private static FunctionalDescriptor functionalOf(byte[] bytes) {
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertTrue(dfu.functional().isPresent(), () -> "no functional descriptor: " + dfu);
		return dfu.functional().get();
	}

	private static byte[] dfuModeWithAttributes(int attributes) {
		return DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(attributes, 0, 1024, DFU_1_1)
				.build();
	}

	@Test
	void runtimeInterfaceAfterCdcPair() {
		ConfigurationInfo info = ConfigurationParser.parse(cdcWithRuntimeDfu());
		assertEquals(List.of(), info.problems());
		assertEquals(1, info.configurationValue());
		assertTrue(info.hasDfuInterface());
		DfuInterface dfu = only(info);
		assertEquals(2, dfu.interfaceNumber());
		assertTrue(dfu.isRuntime());
		assertFalse(dfu.isDfuMode());
		assertEquals(List.of(new AltSetting(0, 5, null)), dfu.altSettings());
		assertEquals(new FunctionalDescriptor(9, 0x0D, 1000, 2048, DFU_1_1), dfu.functional().orElseThrow());
		assertEquals(List.of(), dfu.problems());
		assertEquals(List.of(0), info.serialInterfaces(), "the CDC ACM control interface is a serial port");
	}

	@Test
	void dfuModeWithThreeAltSettings() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 4)
				.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 5)
				.dfuInterface(0, 2, PROTOCOL_DFU_MODE, 6)
				.functional(0x0B, 255, 4096, DFU_1_1)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of(), info.problems());
		DfuInterface dfu = only(info);
		assertTrue(dfu.isDfuMode());
		assertFalse(dfu.isRuntime());
		assertEquals(List.of(new AltSetting(0, 4, null), new AltSetting(1, 5, null), new AltSetting(2, 6, null)),
				dfu.altSettings());
		assertEquals(List.of(), dfu.problems());
		assertEquals("1.1", dfu.functional().orElseThrow().versionText());
	}

	@Test
	void dfuSeWithAltSettings() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 4)
				.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 5)
				.functional(0x0B, 255, 2048, DFUSE)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(List.of(), dfu.problems());
		FunctionalDescriptor functional = dfu.functional().orElseThrow();
		assertTrue(functional.isDfuSe());
		assertFalse(functional.isDfu10());
		assertEquals("1.1a (DfuSe)", functional.versionText());
		AltSetting flash = dfu.altSettings().get(0);
		assertNull(flash.name());
		String layout = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg";
		assertEquals(new AltSetting(0, 4, layout), flash.withName(layout));
	}

	@Test
	void dfu10DescriptorHasNoVersionField() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional10(0x03, 500, 256)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(List.of(), dfu.problems());
		FunctionalDescriptor functional = dfu.functional().orElseThrow();
		assertTrue(functional.isDfu10());
		assertEquals(0x0100, functional.dfuVersion());
		assertEquals("1.0", functional.versionText());
		assertEquals(500, functional.detachTimeoutMs());
		assertEquals(256, functional.transferSize());
	}

	@Test
	void missingFunctionalDescriptorIsAProblem() {
		byte[] bytes = DescriptorBytes.configuration(1).dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0).build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		DfuInterface dfu = only(info);
		assertTrue(dfu.functional().isEmpty());
		assertEquals(List.of("DFU interface 0 has no DFU functional descriptor"), dfu.problems());
		assertEquals(List.of(), info.problems());
	}

	@Test
	void nullEmptyAndTruncatedHeadersAreProblemsWithoutAnInterface() {
		for (byte[] bytes : List.of(new byte[0], new byte[] { 9, 2, 18, 0 })) {
			ConfigurationInfo info = ConfigurationParser.parse(bytes);
			assertFalse(info.hasDfuInterface());
			assertEquals(1, info.problems().size(), info.problems()::toString);
		}
		ConfigurationInfo none = ConfigurationParser.parse(null);
		assertEquals(0, none.configurationValue());
		assertEquals(List.of("No configuration descriptor was read"), none.problems());
		assertEquals(List.of("Configuration descriptor is only 4 bytes long; its header needs 9"),
				ConfigurationParser.parse(new byte[] { 9, 2, 18, 0 }).problems());
	}

	@Test
	void aTruncatedConfigurationKeepsTheInterfaceReadBeforeTheCut() {
		byte[] full = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.dfuInterface(1, 0, PROTOCOL_DFU_MODE, 0)
				.build();
		byte[] bytes = Arrays.copyOf(full, 31);
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of("wTotalLength is 36 but only 31 bytes were read",
				"Truncated descriptor at offset 27: bLength 9 but only 4 bytes left"), info.problems());
		DfuInterface dfu = only(info);
		assertEquals(0, dfu.interfaceNumber());
		assertTrue(dfu.functional().isPresent());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void bLengthBelowTwoStopsParsing(int length) {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.raw(length, 0x05, 0x81, 0x02, 64, 0, 0)
				.dfuInterface(1, 0, PROTOCOL_DFU_MODE, 0)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of("Descriptor at offset 27 has bLength " + length
				+ "; the rest of the configuration is ignored"), info.problems());
		assertEquals(0, only(info).interfaceNumber());
	}

	@Test
	void anOverlongBLengthIsReportedAsATruncatedDescriptor() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.raw(200, 0x21, 0x0B, 255, 0, 0, 8, 0x10, 0x01)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of("Truncated descriptor at offset 18: bLength 200 but only 9 bytes left"), info.problems());
		assertEquals(List.of("DFU interface 0 has no DFU functional descriptor"), only(info).problems());
	}

	@Test
	void totalLengthLargerThanTheBytesRead() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.build(100);
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of("wTotalLength is 100 but only 27 bytes were read"), info.problems());
		assertTrue(only(info).functional().isPresent());
	}

	@Test
	void totalLengthSmallerThanTheBytesRead() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.build(18);
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of("wTotalLength is 18 but 27 bytes were read; the bytes past wTotalLength are ignored"),
				info.problems());
		assertTrue(only(info).functional().isEmpty());
	}

	@Test
	void totalLengthShorterThanTheHeader() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.build(3);
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(1, info.problems().size(), info.problems()::toString);
		assertTrue(only(info).functional().isPresent());
	}

	@Test
	void twoDfuInterfacesKeepTheirOrder() {
		byte[] bytes = DescriptorBytes.configuration(2)
				.dfuInterface(3, 0, PROTOCOL_RUNTIME, 7)
				.functional(0x09, 100, 64, DFU_1_1)
				.interfaceDescriptor(0, 0, 2, 0xFF, 0, 0, 0)
				.dfuInterface(1, 0, PROTOCOL_DFU_MODE, 8)
				.functional10(0x01, 0, 32)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(List.of(), info.problems());
		assertEquals(2, info.configurationValue());
		assertEquals(List.of(3, 1), info.dfuInterfaces().stream().map(DfuInterface::interfaceNumber).toList());
		assertEquals(64, info.dfuInterfaces().get(0).functional().orElseThrow().transferSize());
		assertEquals(32, info.dfuInterfaces().get(1).functional().orElseThrow().transferSize());
		assertTrue(info.dfuInterfaces().stream().allMatch(dfu -> dfu.problems().isEmpty()));
	}

	@Test
	void aConfigurationWithoutADfuInterfaceHasNoneAndNoProblem() {
		byte[] cdc = DescriptorBytes.configuration(1)
				.interfaceDescriptor(0, 0, 1, DescriptorBytes.CLASS_CDC, 0x02, 0x01, 0)
				.endpoint(0x82, 0x03, 8, 16)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(cdc);
		assertFalse(info.hasDfuInterface());
		assertEquals(List.of(), info.problems());
	}

	@Test
	void hidDescriptorIsNotMistakenForDfu() {
		byte[] hid = DescriptorBytes.configuration(1)
				.interfaceDescriptor(0, 0, 1, 0x03, 0x01, 0x01, 0)
				.raw(9, 0x21, 0x11, 0x01, 0, 1, 0x22, 63, 0)
				.endpoint(0x81, 0x03, 8, 10)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(hid);
		assertFalse(info.hasDfuInterface());
		assertEquals(List.of(), info.problems());
	}

	@Test
	void functionalDescriptorBeforeAnyInterface() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.build();
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		assertEquals(1, info.problems().size(), info.problems()::toString);
		assertTrue(info.problems().get(0).contains("offset 9"), info.problems()::toString);
		assertEquals(List.of("DFU interface 0 has no DFU functional descriptor"), only(info).problems());
	}

	@Test
	void aShortFunctionalDescriptorIsAProblemAndNoDescriptor() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(2, 0, PROTOCOL_RUNTIME, 0)
				.raw(5, 0x21, 0x0B, 255, 0)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertTrue(dfu.functional().isEmpty());
		assertEquals(List.of("Functional descriptor of interface 2 is 5 bytes long; 7 or 9 expected",
				"DFU interface 2 has no DFU functional descriptor"), dfu.problems());
	}

	@Test
	void eightByteFunctionalDescriptorKeepsItsFirstSevenBytes() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_RUNTIME, 0)
				.raw(8, 0x21, 0x0B, 0x34, 0x12, 0x00, 0x04, 0x10)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(List.of("Functional descriptor of interface 0 is 8 bytes long; 7 or 9 expected"), dfu.problems());
		assertEquals(new FunctionalDescriptor(8, 0x0B, 0x1234, 0x400, 0x0100), dfu.functional().orElseThrow());
	}

	@Test
	void secondFunctionalDescriptorIsIgnored() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 0)
				.functional(0x00, 1, 1, DFUSE)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(2048, dfu.functional().orElseThrow().transferSize());
		assertEquals(List.of("DFU interface 0 has more than one functional descriptor; the first one is used"),
				dfu.problems());
	}

	@Test
	void splitAltSettingsAreGroupedWithAProblem() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 4)
				.interfaceDescriptor(1, 0, 0, 0xFF, 0, 0, 0)
				.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 5)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(List.of(0, 1), dfu.altSettings().stream().map(AltSetting::alternateSetting).toList());
		assertEquals(List.of("Alternate settings of DFU interface 0 are not listed together"), dfu.problems());
	}

	@Test
	void disagreeingAndUnknownProtocolsAreProblemsOfTheInterface() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, 7, 0)
				.dfuInterface(0, 1, PROTOCOL_DFU_MODE, 0)
				.dfuInterface(0, 1, 7, 0)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.build();
		DfuInterface dfu = only(ConfigurationParser.parse(bytes));
		assertEquals(7, dfu.protocol());
		assertFalse(dfu.isRuntime());
		assertFalse(dfu.isDfuMode());
		assertEquals(List.of("DFU interface 0 uses protocol 7; 1 (run-time) or 2 (DFU mode) expected",
				"Alternate setting 1 of DFU interface 0 uses protocol 2, but the first alternate setting uses 7",
				"DFU interface 0 lists alternate setting 1 more than once"), dfu.problems());
	}

	@ParameterizedTest
	@CsvSource({ "0x01, true, false, false, false", "0x02, false, true, false, false",
			"0x04, false, false, true, false", "0x08, false, false, false, true" })
	void eachAttributeBitIsDecoded(String attributes, boolean download, boolean upload, boolean tolerant,
			boolean detach) {
		FunctionalDescriptor functional = functionalOf(dfuModeWithAttributes(Integer.decode(attributes)));
		assertEquals(download, functional.canDownload(), "download");
		assertEquals(upload, functional.canUpload(), "upload");
		assertEquals(tolerant, functional.manifestationTolerant(), "manifestation tolerant");
		assertEquals(detach, functional.willDetach(), "will detach");
	}

	@Test
	void reservedAttributeBitsDoNotLeak() {
		FunctionalDescriptor functional = functionalOf(dfuModeWithAttributes(0xF0));
		assertEquals(List.of(), functional.attributeWords());
		assertFalse(functional.canDownload() || functional.canUpload() || functional.manifestationTolerant()
				|| functional.willDetach());
	}

	@Test
	void sixteenBitFieldsAreLittleEndian() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.functional(0x0B, 0x1234, 0xABCD, 0x0110)
				.build();
		FunctionalDescriptor functional = functionalOf(bytes);
		assertEquals(0x1234, functional.detachTimeoutMs());
		assertEquals(0xABCD, functional.transferSize());
		assertEquals(0x0110, functional.dfuVersion());
		assertEquals(0x12, bytes[22], "fixture: high byte of wDetachTimeOut comes second");
	}

	@ParameterizedTest
	@CsvSource({ "0x0100, 1.0", "0x0110, 1.1", "0x011A, 1.1a (DfuSe)", "0x0120, 1.20", "0x0200, 2.00",
			"0x0101, 1.01" })
	void versionText(String version, String text) {
		assertEquals(text, new FunctionalDescriptor(9, 0, 0, 0, Integer.decode(version)).versionText());
	}

	@Test
	void attributeWordsNameEachBitThatIsSet() {
		assertEquals(List.of("will-detach", "download", "upload", "manifest-tolerant"),
				new FunctionalDescriptor(9, 0x0F, 0, 0, DFU_1_1).attributeWords());
		assertEquals(List.of("will-detach", "download"), new FunctionalDescriptor(9, 0x09, 0, 0, DFU_1_1)
				.attributeWords());
		assertEquals(List.of("upload"), new FunctionalDescriptor(9, 0x02, 0, 0, DFU_1_1).attributeWords());
		assertEquals(List.of(), new FunctionalDescriptor(9, 0, 0, 0, DFU_1_1).attributeWords());
	}

	@Test
	void recordsCopyTheirLists() {
		List<AltSetting> alts = new java.util.ArrayList<>(List.of(new AltSetting(0, 0, null)));
		DfuInterface dfu = new DfuInterface(0, 2, alts, null, null);
		alts.clear();
		assertEquals(1, dfu.altSettings().size());
		assertTrue(dfu.functional().isEmpty());
		assertEquals(List.of(), dfu.problems());
	}

	@Test
	void everyProblemHasItsMessage() {
		byte[] bytes = DescriptorBytes.configuration(1)
				.functional(0x0B, 255, 2048, DFU_1_1)
				.dfuInterface(0, 0, 9, 0)
				.dfuInterface(0, 0, PROTOCOL_DFU_MODE, 0)
				.raw(3, 0x21, 0)
				.raw(6, 0x04, 0, 0, 0, 0)
				.raw(0, 0)
				.build(200);
		ConfigurationInfo info = ConfigurationParser.parse(bytes);
		List<String> all = new java.util.ArrayList<>(info.problems());
		info.dfuInterfaces().forEach(dfu -> all.addAll(dfu.problems()));
		assertTrue(all.size() >= 6, all::toString);
		for (String problem : all) {
			assertFalse(problem.contains("NLS missing") || problem.contains("{"), problem);
		}
	}
}
