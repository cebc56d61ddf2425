package org.dfutools.eclipse.tests;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The cycles of a dependency graph: its strongly connected components of more than one node (Tarjan). */
final class PackageCycles {

	private final Map<String, Set<String>> edges;
	private final Map<String, Integer> index = new HashMap<>();
	private final Map<String, Integer> lowLink = new HashMap<>();
	private final Deque<String> stack = new ArrayDeque<>();
	private final List<Set<String>> cycles = new ArrayList<>();

	private PackageCycles(Map<String, Set<String>> edges) {
		this.edges = edges;
	}

	/** Each set of nodes that reach each other; empty when the graph has no cycle. */
	static List<Set<String>> of(Map<String, Set<String>> edges) {
		PackageCycles search = new PackageCycles(edges);
		for (String node : edges.keySet()) {
			if (!search.index.containsKey(node)) {
				search.visit(node);
			}
		}
		return search.cycles;
	}

	private void visit(String node) {
		index.put(node, index.size());
		lowLink.put(node, index.get(node));
		stack.push(node);
		for (String next : edges.getOrDefault(node, Set.of())) {
			if (!index.containsKey(next)) {
				visit(next);
				lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
			} else if (stack.contains(next)) {
				lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
			}
		}
		if (lowLink.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				component.add(member);
			} while (!member.equals(node));
			if (component.size() > 1) {
				cycles.add(component);
			}
		}
	}
}
