package org.dfutools.eclipse.core.operation;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A private temporary folder for one operation on a board: the checked copy of the firmware that dfu-util reads,
 * and what it reads back. Created on first use (a reboot or a start needs none), readable by this user only (the
 * JDK's default for temporary folders), and removed with everything in it when the operation ends, however it ends.
 */
public final class WorkFolder implements AutoCloseable {

	private Path path;

	WorkFolder() {
	}

	/** The folder, created now if it is not there yet. */
	public synchronized Path path() throws IOException {
		if (path == null) {
			path = Files.createTempDirectory("dfu-flash"); //$NON-NLS-1$
		}
		return path;
	}

	/** Where one dfu-util upload writes: dfu-util refuses to overwrite a file with an upload, so it must not exist yet. */
	public Path uploadTarget() throws IOException {
		return Files.createTempDirectory(path(), "upload").resolve("upload.bin"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public synchronized void close() {
		if (path == null) {
			return;
		}
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
					Files.deleteIfExists(folder);
					return FileVisitResult.CONTINUE;
				}
			});
		} catch (IOException e) {
			// A copy left in the temporary folder harms nothing; the flash's own outcome matters more.
		}
	}
}
