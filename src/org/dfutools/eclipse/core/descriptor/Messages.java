package org.dfutools.eclipse.core.descriptor;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = Messages.class.getPackageName() + ".messages"; //$NON-NLS-1$

	public static String ConfigurationParser_noData;
	public static String ConfigurationParser_headerTruncated;
	public static String ConfigurationParser_notConfiguration;
	public static String ConfigurationParser_headerLength;
	public static String ConfigurationParser_totalLengthLarger;
	public static String ConfigurationParser_totalLengthSmaller;
	public static String ConfigurationParser_totalLengthInvalid;
	public static String ConfigurationParser_strayByte;
	public static String ConfigurationParser_badLength;
	public static String ConfigurationParser_truncated;
	public static String ConfigurationParser_shortInterface;
	public static String ConfigurationParser_orphanFunctional;
	public static String ConfigurationParser_missingFunctional;
	public static String ConfigurationParser_functionalLength;
	public static String ConfigurationParser_duplicateFunctional;
	public static String ConfigurationParser_unknownProtocol;
	public static String ConfigurationParser_protocolMismatch;
	public static String ConfigurationParser_splitAltSettings;
	public static String ConfigurationParser_duplicateAltSetting;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
