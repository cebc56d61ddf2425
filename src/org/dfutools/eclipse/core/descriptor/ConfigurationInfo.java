package org.dfutools.eclipse.core.descriptor;

import java.util.List;

/**
 * What a configuration descriptor says about DFU.
 *
 * @param configurationValue bConfigurationValue, or 0 when the header could not be read
 * @param dfuInterfaces the DFU interfaces in order of first appearance; other classes are left out
 * @param problems what is wrong with the descriptor as a whole; problems of one interface are kept
 *        in {@link DfuInterface#problems()}
 * @param serialInterfaces the CDC ACM control interfaces (class 2, subclass 2): each is a serial port to the system
 */
public record ConfigurationInfo(int configurationValue, List<DfuInterface> dfuInterfaces, List<String> problems,
		List<Integer> serialInterfaces) {

	public ConfigurationInfo(int configurationValue, List<DfuInterface> dfuInterfaces, List<String> problems) {
		this(configurationValue, dfuInterfaces, problems, List.of());
	}

	public ConfigurationInfo {
		serialInterfaces = serialInterfaces == null ? List.of() : List.copyOf(serialInterfaces);
		dfuInterfaces = dfuInterfaces == null ? List.of() : List.copyOf(dfuInterfaces);
		problems = problems == null ? List.of() : List.copyOf(problems);
	}

	public boolean hasDfuInterface() {
		return !dfuInterfaces.isEmpty();
	}
}
