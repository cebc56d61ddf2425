package org.dfutools.eclipse.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the bench's own descriptors apart from ours. Under umockdev every open device node also gets a Unix
 * socket to the bench's ioctl handler, made and closed by umockdev's preload library, not by us; on a real
 * kernel it does not exist. Which socket is one is only visible from its peer's address, so this asks {@code ss}.
 */
final class BenchSockets {

	/** {@code ss -xan} line: state, queues, local address and inode, peer address and inode. */
	private static final Pattern LINE = Pattern.compile("^u_str\\s+(\\S+)\\s+\\d+\\s+\\d+\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)");
	private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)\\]");

	private BenchSockets() {
	}

	/**
	 * The descriptors among {@code descriptors} ("socket:[INODE]" and the like) that are umockdev ioctl sockets,
	 * or stream sockets left unconnected when their peer closed (the product opens no socket of its own).
	 */
	static List<String> attribute(List<String> descriptors) throws InterruptedException {
		Map<String, String> serverPathByClient = new HashMap<>();
		try {
			Process ss = new ProcessBuilder("ss", "-xan").redirectErrorStream(true).start();
			String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			ss.waitFor(10, TimeUnit.SECONDS);
			for (String line : output.lines().toList()) {
				Matcher matcher = LINE.matcher(line);
				if (!matcher.find()) {
					continue;
				}
				// umockdev's ioctl sockets: TESTBED/ioctl/dev/bus/usb/BBB/DDD per node, and TESTBED/ioctl/_default.
				if (matcher.group(2).contains("/umockdev.") && matcher.group(2).contains("/ioctl/")) {
					serverPathByClient.put(matcher.group(5), matcher.group(2));
				} else if (matcher.group(1).equals("UNCONN") && matcher.group(5).equals("0")) {
					// A stream socket whose peer has closed: the bench closes a node's ioctl socket when the
					// device number is used again, so a leftover client of a device long gone looks like this.
					serverPathByClient.put(matcher.group(3), "(peer closed)");
				}
			}
		} catch (IOException e) {
			System.out.println("ss (iproute2) is not available: every socket counts as ours");
		}
		List<String> bench = new ArrayList<>();
		for (String descriptor : descriptors) {
			Matcher socket = SOCKET.matcher(descriptor);
			if (socket.matches() && serverPathByClient.containsKey(socket.group(1))) {
				bench.add(descriptor);
			}
		}
		return bench;
	}
}
