package org.dfutools.eclipse.core.descriptor;

import java.util.List;
import java.util.Optional;


/**
 * One DFU interface of a configuration, with all its alternate settings.
 *
 * @param interfaceNumber bInterfaceNumber
 * @param protocol bInterfaceProtocol of the first alternate setting; may be an unknown value
 * @param altSettings the alternate settings in descriptor order
 * @param functional the functional descriptor, which belongs to the whole interface
 * @param problems what is wrong with this interface, as sentences for the user
 */
public record DfuInterface(int interfaceNumber, int protocol, List<AltSetting> altSettings,
		Optional<FunctionalDescriptor> functional, List<String> problems) {

	public DfuInterface {
		altSettings = altSettings == null ? List.of() : List.copyOf(altSettings);
		functional = functional == null ? Optional.empty() : functional;
		problems = problems == null ? List.of() : List.copyOf(problems);
	}

	public boolean isRuntime() {
		return protocol == DfuClassCodes.PROTOCOL_RUNTIME;
	}

	/**
	 * In DFU mode: protocol 2, or, as dfu-util also takes it, protocol 0 with DfuSe's bcdDFUVersion (some DfuSe
	 * bootloaders say 0).
	 */
	public boolean isDfuMode() {
		return protocol == DfuClassCodes.PROTOCOL_DFU_MODE
				|| protocol == 0 && functional.map(FunctionalDescriptor::isDfuSe).orElse(false);
	}

	/** The same interface with the functional descriptor its configuration lacked, read from the device itself. */
	public DfuInterface withFunctional(FunctionalDescriptor found) {
		String missing = ConfigurationParser.missingFunctional(interfaceNumber);
		return new DfuInterface(interfaceNumber, protocol, altSettings, Optional.of(found),
				problems.stream().filter(problem -> !problem.equals(missing)).toList());
	}
}
