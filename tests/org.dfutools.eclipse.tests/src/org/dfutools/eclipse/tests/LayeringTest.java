package org.dfutools.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dfutools.eclipse.core.descriptor.DfuClassCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The core stays free of UI toolkits, only the libusb adapter speaks to usb4java and only the serial adapter to
 * jSerialComm, only the launch package
 * speaks to the debug framework, the operations on a board stay free of launches and the platform, and no two
 * packages depend on each other, directly or around a cycle.
 */
class LayeringTest {

	private static final String ROOT = "org/dfutools/eclipse/";
	private static final String CORE = ROOT + "core/";
	private static final String USB_BACKEND = "org/dfutools/eclipse/core/usb/libusb/";
	private static final String SERIAL_BACKEND = "org/dfutools/eclipse/core/serial/jserialcomm/";
	private static final String LAUNCH = CORE + "launch/";
	private static final List<String> OPERATIONS = List.of(CORE + "operation/", CORE + "flash/", CORE + "save/", CORE + "mode/");
	private static final List<String> DEBUG = List.of("org/eclipse/debug/");
	/** A type of the plugin in a constant-pool string: its package (with a trailing slash), then its name. */
	private static final Pattern PLUGIN_TYPE = Pattern.compile("(" + ROOT + "(?:[a-z0-9_]+/)*)[A-Z][A-Za-z0-9_$]*");
	private static final List<String> UI_PREFIXES = List.of("org/eclipse/swt/", "org/eclipse/jface/",
			"org/eclipse/ui/", "org/eclipse/e4/ui/", "org/eclipse/debug/ui/");

	/** Class file path to the names it refers to, for every class of the plugin (tests excluded). */
	private static Map<String, List<String>> pluginClasses;

	@BeforeAll
	static void readPluginClasses() throws IOException {
		Bundle plugin = FrameworkUtil.getBundle(DfuClassCodes.class);
		BundleWiring wiring = plugin.adapt(BundleWiring.class);
		Collection<String> names = wiring.listResources("/" + ROOT, "*.class", BundleWiring.LISTRESOURCES_RECURSE);
		pluginClasses = new TreeMap<>();
		for (String name : names) {
			if (name.startsWith(ROOT + "tests/")) {
				continue;
			}
			URL url = wiring.getClassLoader().getResource(name);
			try (InputStream in = url.openStream()) {
				pluginClasses.put(name, ClassReferences.read(in));
			}
		}
	}

	@Test
	void coreImportsNoUiToolkit() {
		List<String> offenders = offenders(CORE, UI_PREFIXES);
		assertTrue(pluginClasses.keySet().stream().anyMatch(name -> name.startsWith(CORE)), "no core class was read");
		assertEquals(List.of(), offenders, "core classes that refer to SWT, JFace or the workbench");
	}

	/** Each native library has one adapter: usb4java the libusb one, jSerialComm the serial ports' one. */
	@ParameterizedTest
	@CsvSource({ "org/usb4java/, " + USB_BACKEND, "com/fazecast/jSerialComm/, " + SERIAL_BACKEND })
	void onlyItsAdapterUsesANativeLibrary(String library, String adapter) {
		List<String> offenders = new ArrayList<>();
		pluginClasses.forEach((name, refs) -> {
			if (!name.startsWith(adapter) && refersTo(refs, List.of(library))) {
				offenders.add(name);
			}
		});
		assertEquals(List.of(), offenders, "classes outside " + adapter + " that refer to " + library);
		assertFalse(offenders(adapter, List.of(library)).isEmpty(), "the adapter itself should use " + library);
	}

	@Test
	void onlyTheLaunchPackageOfTheCoreUsesTheDebugFramework() {
		List<String> offenders = new ArrayList<>();
		pluginClasses.forEach((name, refs) -> {
			if (name.startsWith(CORE) && !name.startsWith(LAUNCH) && refersTo(refs, DEBUG)) {
				offenders.add(name);
			}
		});
		assertEquals(List.of(), offenders, "core classes outside " + LAUNCH + " that refer to the debug framework");
		assertFalse(offenders(LAUNCH, DEBUG).isEmpty(), "the launch package should use the debug framework");
	}

	/**
	 * The operations on a board (flash, save, Reboot to DFU, Start Application and their skeleton) are what every front end calls, the IDE's launches and
	 * a command line alike: they know no launch, no UI, no workspace, no job and no running platform.
	 */
	@Test
	void operationsKnowNoLaunchUiWorkspaceOrPlatform() {
		List<String> forbidden = new ArrayList<>(UI_PREFIXES);
		forbidden.addAll(DEBUG);
		forbidden.addAll(List.of(LAUNCH, ROOT + "ui/", "org/eclipse/core/resources/", "org/eclipse/core/runtime/jobs/",
				"org/eclipse/core/runtime/Platform"));
		List<String> offenders = new ArrayList<>();
		for (String operations : OPERATIONS) {
			assertTrue(pluginClasses.keySet().stream().anyMatch(name -> name.startsWith(operations)), "no class read in " + operations);
			offenders.addAll(offenders(operations, forbidden));
		}
		assertEquals(List.of(), offenders, "operation classes that refer to launches, the UI, the workspace, jobs or the platform");
	}

	/**
	 * The command line runs the core on plain Java, without OSGi: below the launches and the preferences, the core refers
	 * to no running platform, job manager, preference service or OSGi framework, except through the one log that
	 * chooses between the IDE's error log and the JDK's ({@code core.log}) and the IDE's service lookup ({@code DfuCore}).
	 */
	@Test
	void theCoreRunsOnPlainJava() {
		List<String> platform = List.of("org/eclipse/core/runtime/Platform", "org/eclipse/core/runtime/jobs/",
				"org/eclipse/core/runtime/preferences/", "org/eclipse/core/runtime/ILog", "org/eclipse/core/resources/",
				"org/osgi/");
		List<String> allowed = List.of(LAUNCH, CORE + "preferences/", CORE + "internal/", CORE + "log/", CORE + "DfuCore");
		List<String> offenders = new ArrayList<>();
		pluginClasses.forEach((name, refs) -> {
			if (name.startsWith(CORE) && allowed.stream().noneMatch(name::startsWith) && refersTo(refs, platform)) {
				offenders.add(name);
			}
		});
		assertEquals(List.of(), offenders, "core classes that need a running platform or OSGi");
		assertFalse(offenders(CORE + "log/", platform).isEmpty(), "the log should choose the platform's log under OSGi");
	}

	@Test
	void noPackagesDependOnEachOther() {
		Map<String, Set<String>> uses = new TreeMap<>();
		pluginClasses.forEach((name, refs) -> {
			String from = packageOf(name);
			Set<String> to = uses.computeIfAbsent(from, key -> new TreeSet<>());
			for (String ref : refs) {
				Matcher type = PLUGIN_TYPE.matcher(ref); // a descriptor names several
				while (type.find()) {
					if (!type.group(1).equals(from + "/")) {
						to.add(type.group(1).substring(0, type.group(1).length() - 1));
					}
				}
			}
		});
		assertTrue(uses.get(ROOT + "core/dfu").contains(ROOT + "core/protocol"), "the scan missed a known dependency");
		List<Set<String>> cycles = PackageCycles.of(uses);
		assertEquals(List.of(), cycles, "packages that depend on each other, around a cycle");
	}

	private static String packageOf(String className) {
		int slash = className.lastIndexOf('/');
		return slash < 0 ? "" : className.substring(0, slash);
	}

	@Test
	void theCheckSeesUiReferencesWhereThereAreSome() {
		assertFalse(offenders(ROOT + "ui/", UI_PREFIXES).isEmpty(), "the UI classes refer to SWT; the scan missed it");
	}

	private static List<String> offenders(String packagePrefix, List<String> forbidden) {
		List<String> offenders = new ArrayList<>();
		pluginClasses.forEach((name, refs) -> {
			if (name.startsWith(packagePrefix) && refersTo(refs, forbidden)) {
				offenders.add(name);
			}
		});
		return offenders;
	}

	private static boolean refersTo(List<String> refs, List<String> prefixes) {
		return refs.stream().anyMatch(ref -> prefixes.stream().anyMatch(ref::contains));
	}
}
