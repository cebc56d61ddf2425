# Sourced by ./run-ide and ./run-tests: exports JAVA_HOME pointing at a JDK >= 21, or stops with a clear message.
# Looks at JAVA_HOME first, then the installed JVMs, then the java on PATH.

dfu_java_major() {
	# The feature version of the JDK whose home is $1 (empty when it is not a JDK).
	[ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
	"$1/bin/java" -XshowSettings:properties -version 2>&1 |
		sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

dfu_find_jdk() {
	local candidate major
	local candidates=()
	[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
	for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/*; do
		[ -d "$candidate" ] && candidates+=("$candidate")
	done
	if command -v javac >/dev/null 2>&1; then
		candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
	fi
	for candidate in "${candidates[@]}"; do
		major=$(dfu_java_major "$candidate") || continue
		if [ -n "$major" ] && [ "$major" -ge 21 ]; then
			export JAVA_HOME="$candidate"
			return 0
		fi
	done
	cat >&2 <<MSG
error: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java and the javac on PATH).
       The build (Tycho 5) and Eclipse 4.39 need Java 21+. Install one, e.g. 'apt-get install openjdk-21-jdk'
       where your distribution has it, or a Temurin 21/25 JDK, and set JAVA_HOME to it.
MSG
	return 1
}
