package org.dfutools.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the core this command line runs, from its jar's manifest. */
final class Version implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = DfuTools.class.getPackage().getImplementationVersion();
		return new String[] { "dfu-tools " + (version == null ? "(development build)" : version) }; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
