package org.dfutools.eclipse.core.dfuutil;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a dfu-util command line carries besides the board and the file, checked.
 *
 * @param alt                the alt setting, as dfu-util's {@code -a} reads it (a number, or a name)
 * @param dfuseAddressText   the DfuSe address for {@code -s}, as dfu-util reads it, when given
 * @param transferSize       {@code -t}, when given (else the device's wTransferSize)
 * @param extraArguments     the user's own further options, checked by {@link ExtraArguments}
 */
public record DfuUtilOptions(String alt, Optional<String> dfuseAddressText, OptionalInt transferSize,
		List<String> extraArguments) {

	/** The same options for a DfuSe file, which says where its bytes go: dfu-util refuses an address beside it. */
	public DfuUtilOptions withoutAddress() {
		return new DfuUtilOptions(alt, Optional.empty(), transferSize, extraArguments);
	}

	/** The same options with the alt setting as {@code -a} is given it (its number, once the board's alts are known). */
	public DfuUtilOptions withAlt(String dfuUtilAlt) {
		return new DfuUtilOptions(dfuUtilAlt, dfuseAddressText, transferSize, extraArguments);
	}
}
