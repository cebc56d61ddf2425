package org.dfutools.eclipse.core.firmware;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String Firmware_unreadable;
	public static String Firmware_badCrc;
	public static String Firmware_shortSuffix;
	public static String Firmware_badSuffixLength;
	public static String Firmware_empty;
	public static String Firmware_copyFailed;
	public static String Firmware_saveFailed;
	public static String Firmware_idMismatch;
	public static String Firmware_noReader;
	public static String Firmware_segmentsAndEntry;
	public static String Firmware_segmentsOnly;
	public static String Firmware_gapTooLarge;
	public static String Firmware_layoutTooLarge;
	public static String Firmware_beyond4GiB;
	public static String Firmware_overlap;
	public static String Firmware_noData;
	public static String DfuSe_bad;
	public static String DfuSe_truncated;
	public static String DfuSe_noTargetSignature;
	public static String DfuSe_elementBeyondFile;
	public static String DfuSe_element;
	public static String Elf_bad;
	public static String Elf_notElf;
	public static String Elf_badClass;
	public static String Elf_badByteOrder;
	public static String Elf_truncatedHeader;
	public static String Elf_badHeaderSize;
	public static String Elf_tableBeyondFile;
	public static String Elf_segmentBeyondFile;
	public static String Elf_segmentTooLarge;
	public static String Elf_programHeader;
	public static String Record_bad;
	public static String Record_line;
	public static String Record_badStart;
	public static String Record_oddDigits;
	public static String Record_notHex;
	public static String Record_badChecksum;
	public static String Hex_badLength;
	public static String Hex_badType;
	public static String Hex_badDataLength;
	public static String Hex_noEnd;
	public static String Srec_badCount;
	public static String Srec_badType;
	public static String Srec_badRecordCount;
	public static String Srec_noEnd;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
