package org.dfutools.eclipse.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/** Saves what the screen shows as a PNG under the folder the build names (target/screenshots). */
public final class Screenshots {

	private Screenshots() {
	}

	/** Captures the whole screen; returns the file written. */
	public static Path save(Display display, String name) throws IOException {
		Path folder = Path.of(System.getProperty("dfutools.screenshots", "target/screenshots"));
		Files.createDirectories(folder);
		Path file = folder.resolve(name + ".png");
		Rectangle bounds = display.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			loader.save(file.toString(), SWT.IMAGE_PNG);
		} finally {
			gc.dispose();
			image.dispose();
		}
		return file;
	}

	/**
	 * Captures the whole screen as {@link #save} does and fails when the capture looks blank (16 distinct colours or
	 * fewer); an I/O error fails too, so that it can be called where no checked exception may be thrown.
	 */
	public static Path saveNotBlank(Display display, String name) {
		try {
			Path shot = save(display, name);
			assertTrue(distinctColors(shot) > 16, "the screenshot looks blank: " + shot);
			return shot;
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** How many distinct pixel values the image has: a blank or black capture has one or two. */
	public static int distinctColors(Path file) {
		ImageData data = new ImageLoader().load(file.toString())[0];
		java.util.Set<Integer> colors = new java.util.HashSet<>();
		for (int y = 0; y < data.height; y += 2) {
			for (int x = 0; x < data.width; x += 2) {
				colors.add(data.getPixel(x, y));
			}
		}
		return colors.size();
	}
}
