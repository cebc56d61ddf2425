package org.dfutools.eclipse.core.firmware;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

/**
 * The files dfu-util itself writes: a raw image (.bin), or a DFU file (.dfu) with the DFU suffix of DFU 1.1
 * appendix B, which may hold a DfuSe container (ST's UM0391) with its own target addresses. As dfu-util
 * does, a suffix is honoured on either, and refused when it is damaged: a wrong CRC, or a bLength below 16
 * or beyond the file.
 */
final class DfuFileReader implements FirmwareReader {

	private static final byte[] DFUSE_SIGNATURE = "DfuSe".getBytes(StandardCharsets.US_ASCII); //$NON-NLS-1$

	@Override
	public Set<String> extensions() {
		return Set.of("bin", "dfu"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public FirmwareImage read(Path file, byte[] content) throws FirmwareException {
		Optional<DfuSuffix> suffix = DfuSuffixReader.parse(content);
		if (suffix.isPresent() && !suffix.get().crcValid()) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_badCrc, new Object[] { file,
					String.format("0x%08x", Long.valueOf(suffix.get().storedCrc())), //$NON-NLS-1$
					String.format("0x%08x", Long.valueOf(suffix.get().computedCrc())) })); //$NON-NLS-1$
		}
		int suffixLength = suffix.map(DfuSuffix::length).orElse(0);
		if (suffix.isPresent() && suffixLength < DfuSuffixReader.SUFFIX_LENGTH) {
			// dfu-util refuses it too ("Unsupported DFU suffix length"); size() would count suffix bytes as firmware.
			throw new FirmwareException(NLS.bind(Messages.Firmware_shortSuffix, file, Integer.valueOf(suffixLength)));
		}
		if (suffixLength > content.length) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_badSuffixLength, file));
		}
		int size = content.length - suffixLength;
		if (size == 0) {
			throw new FirmwareException(NLS.bind(Messages.Firmware_empty, file));
		}
		boolean container = size >= DFUSE_SIGNATURE.length
				&& Arrays.equals(content, 0, DFUSE_SIGNATURE.length, DFUSE_SIGNATURE, 0, DFUSE_SIGNATURE.length);
		return new FirmwareImage(file, content, suffix, container);
	}
}
