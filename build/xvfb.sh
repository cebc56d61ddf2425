# Sourced by ./run-tests: starts a private Xvfb display for the workbench tests and stops it on exit.
# Xvfb picks a free display itself and writes its number to -displayfd once it accepts clients.
dfu_start_xvfb() {
	local fifo display_number
	fifo=$(mktemp -u /tmp/dfu-xvfb.XXXXXX)
	mkfifo "$fifo"
	Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
	DFU_XVFB_PID=$!
	trap dfu_stop_xvfb EXIT
	if ! read -r -t 30 display_number <"$fifo" || [ -z "$display_number" ]; then
		rm -f "$fifo"
		echo "run-tests: Xvfb did not start within 30 s" >&2
		return 1
	fi
	rm -f "$fifo"
	export DISPLAY=":$display_number"
	dfu_start_session_bus
}

# A session bus of the run's own. Without one, GTK has D-Bus started from inside each workbench JVM (autolaunch:
# a fork, then dbus-launch); a fork of a process with many threads was seen to hang before its exec, and the
# workbench with it.
dfu_start_session_bus() {
	local started
	command -v dbus-daemon >/dev/null || return 0
	started=$(dbus-daemon --session --fork --print-address=1 --print-pid=1 2>/dev/null | paste -sd' ') || return 0
	read -r DBUS_SESSION_BUS_ADDRESS DFU_DBUS_PID <<<"$started"
	[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && export DBUS_SESSION_BUS_ADDRESS
	return 0
}

dfu_stop_xvfb() {
	[ -n "${DFU_XVFB_PID:-}" ] && kill "$DFU_XVFB_PID" 2>/dev/null
	[ -n "${DFU_DBUS_PID:-}" ] && kill "$DFU_DBUS_PID" 2>/dev/null
	return 0
}
