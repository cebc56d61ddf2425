package org.dfutools.eclipse.core.descriptor;

/**
 * One alternate setting of a DFU interface; in DFU mode, one memory target of the device.
 *
 * @param alternateSetting bAlternateSetting
 * @param nameIndex iInterface, the index of the string descriptor that names the target; 0 for none
 * @param name the resolved string, or null while it has not been read from the device
 */
public record AltSetting(int alternateSetting, int nameIndex, String name) {

	/** A copy with the string that {@link #nameIndex()} refers to. */
	public AltSetting withName(String newName) {
		return new AltSetting(alternateSetting, nameIndex, newName);
	}
}
