package org.dfutools.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that plugs its own boards into the bench, in a folder of its own, and pulls them out at its end. */
abstract class OnTheBench {

	@TempDir
	Path folder;
	BenchBoards bench;

	@BeforeEach
	void bench() {
		bench = new BenchBoards(folder);
	}

	@AfterEach
	void unplug() throws Exception {
		bench.close();
	}
}
