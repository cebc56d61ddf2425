package org.dfutools.eclipse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A shell script in dfu-util's place, for the faults a real dfu-util cannot be made to show. */
public final class FakeDfuUtil {

	private FakeDfuUtil() {
	}

	/**
	 * Writes an executable {@code dfu-util} into a new folder under {@code parent}: it answers {@code -V} as
	 * dfu-util 0.11 (so that the version check passes) and runs the shell lines {@code body} for anything else.
	 */
	public static Path write(Path parent, String body) throws IOException {
		Path tool = Files.createTempDirectory(parent, "tool").resolve("dfu-util");
		Files.writeString(tool, """
				#!/bin/sh
				if [ "$1" = "-V" ]; then echo "dfu-util 0.11"; exit 0; fi
				%s
				""".formatted(body));
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
		return tool;
	}
}
