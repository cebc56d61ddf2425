# Sourced by ./run-ide, ./run-tests and the benchmark scripts: finds the JDKs they need, or stops with a clear
# message. dfu_find_jdk exports JAVA_HOME, a JDK >= 21 (the build, the newest Eclipse); dfu_find_jdk17 exports
# DFU_JAVA17_HOME, a Java 17 (the oldest supported Eclipse is tested on it). Both look at their variable first,
# then the installed JVMs, then the java on PATH.

dfu_java_major() {
	# The feature version of the JDK whose home is $1 (empty when it is not a JDK).
	[ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
	"$1/bin/java" -XshowSettings:properties -version 2>&1 |
		sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

dfu_jdk_candidates() {
	# $1: the variable to look at first. One JDK home per line.
	local candidate
	[ -n "${!1:-}" ] && printf '%s\n' "${!1}"
	for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/*; do
		[ -d "$candidate" ] && printf '%s\n' "$candidate"
	done
	if command -v javac >/dev/null 2>&1; then
		dirname "$(dirname "$(readlink -f "$(command -v javac)")")"
	fi
}

dfu_first_jdk() {
	# dfu_first_jdk VARIABLE TEST: the first candidate whose feature version passes TEST (e.g. '-ge 21').
	local candidate major
	while read -r candidate; do
		major=$(dfu_java_major "$candidate") || continue
		# shellcheck disable=SC2086 # TEST is an operator and a number
		if [ -n "$major" ] && [ "$major" $2 ]; then
			printf '%s\n' "$candidate"
			return 0
		fi
	done < <(dfu_jdk_candidates "$1")
	return 1
}

dfu_find_jdk() {
	local found
	if found=$(dfu_first_jdk JAVA_HOME '-ge 21'); then
		export JAVA_HOME="$found"
		return 0
	fi
	cat >&2 <<MSG
error: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java and the javac on PATH).
       The build (Tycho 5) and Eclipse 4.39 need Java 21+. Install one, e.g. 'apt-get install openjdk-21-jdk'
       where your distribution has it, or a Temurin 21/25 JDK, and set JAVA_HOME to it.
MSG
	return 1
}

dfu_find_jdk17() {
	# $1: "quiet" when a missing JDK 17 is not an error yet (the caller installs one).
	local found
	if found=$(dfu_first_jdk DFU_JAVA17_HOME '-eq 17'); then
		DFU_JAVA17_HOME="$(readlink -f "$found")"
	export DFU_JAVA17_HOME
		return 0
	fi
	[ "${1:-}" = quiet ] && return 1
	cat >&2 <<MSG
error: no JDK 17 found (looked at DFU_JAVA17_HOME, /usr/lib/jvm, /opt/java and the javac on PATH).
       The tests run Eclipse 4.25, the oldest supported release, on Java 17. Debian/Ubuntu:
       'apt-get install openjdk-17-jdk-headless'; elsewhere a Temurin 17 JDK, with DFU_JAVA17_HOME set to it.
MSG
	return 1
}
