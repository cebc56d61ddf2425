package org.dfutools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the JSON of a command on one board says. */
final class JsonObjectAssert {

	private JsonObjectAssert() {
	}

	static void placeIs(DfuToolsRun run, String place) {
		assertEquals(place, run.json().getAsJsonArray("boards").get(0).getAsJsonObject().get("place").getAsString(), run.toString());
	}
}
