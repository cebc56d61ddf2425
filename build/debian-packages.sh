# Sourced by ./run-tests: makes sure the Debian packages the tests need are there.
# As root it installs what is missing (and says what); otherwise it names what is missing and stops.
DFU_TEST_PACKAGES=(
	xvfb xauth libgtk-3-0 libxtst6 dbus-x11 at-spi2-core adwaita-icon-theme # a headless workbench
	umockdev gir1.2-umockdev-1.0 python3-gi python3                          # the simulated USB bench
	dfu-util usbutils                                                        # the real tools the bench is tested with
	curl unzip                                                               # the Maven Wrapper's download
	imagemagick xdotool                                                      # screenshots; keys and clicks for the product test
)

dfu_missing_packages() {
	local package
	for package in "${DFU_TEST_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$package"
	done
}

dfu_ensure_packages() {
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "run-tests: not a Debian-like system; make sure these are installed: ${DFU_TEST_PACKAGES[*]}"
		return 0
	fi
	local missing
	mapfile -t missing < <(dfu_missing_packages)
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "run-tests: missing Debian packages: ${missing[*]}" >&2
		echo "           install them with: sudo apt-get install ${missing[*]}" >&2
		return 1
	fi
	echo "run-tests: installing missing Debian packages: ${missing[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
		echo "run-tests: apt-get could not install: ${missing[*]}" >&2
		return 1
	}
}
