# Sourced by ./run-ide, ./run-tests and the benchmark scripts: makes sure the Debian packages they need are there.
# As root it installs what is missing (and says what); otherwise it names what is missing and stops.

# What the build needs besides Java: the compilers of the dfu-util it ships for each platform (build/dfu-util/build).
DFU_BUILD_PACKAGES=(
	gcc libc6-dev make bzip2 curl                                            # dfu-util for linux/x86_64
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross                              # ... linux/aarch64
	gcc-mingw-w64-x86-64-win32 gcc-mingw-w64-i686-win32                      # ... win32/x86_64 and win32/x86
)
# What the IDE needs to show its window (GTK 3 and its icons), and to be built. It flashes with its own dfu-util.
DFU_IDE_PACKAGES=(
	libgtk-3-0 libxtst6 adwaita-icon-theme                                   # the IDE's window
	curl unzip                                                               # the Maven Wrapper's download (first build)
	"${DFU_BUILD_PACKAGES[@]}"
)
# What ./run-ide --simulate adds: the simulated USB bench.
DFU_BENCH_PACKAGES=(umockdev gir1.2-umockdev-1.0 python3-gi python3 tcc)  # tcc builds its small preload library
DFU_TEST_PACKAGES=(
	"${DFU_IDE_PACKAGES[@]}" "${DFU_BENCH_PACKAGES[@]}"
	xvfb xauth dbus-x11 at-spi2-core                                         # a headless workbench
	usbutils dfu-util                                                        # lsusb and Debian's dfu-util, which the bench is tested with
	wine64                                                                   # runs the Windows dfu-util DFU Tools ships
	imagemagick xdotool xclip                                                # screenshots; keys, clicks and the clipboard for the product tests
	xdg-utils                                                                # xdg-mime, which Eclipse 4.25 runs at start (every desktop has it)
	binutils-arm-none-eabi                                                   # builds the ELF, HEX and S-record fixtures of the firmware readers
	chromium                                                                 # the browser the Theia application is tested in
	g++ make python3 libsecret-1-dev                                         # node-gyp builds its native modules (keytar: libsecret)
)
# The Java the oldest supported Eclipse is tested on; needed only when no JDK 17 is installed already.
DFU_JDK17_PACKAGE=openjdk-17-jdk-headless

dfu_missing_packages() {
	local package
	for package in "$@"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$package"
	done
}

# dfu_ensure_packages WHO PACKAGE...: WHO names the script in its messages.
dfu_ensure_packages() {
	local who="$1"
	shift
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "$who: not a Debian-like system; make sure these are installed: $*"
		return 0
	fi
	local missing
	mapfile -t missing < <(dfu_missing_packages "$@")
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "$who: missing Debian packages: ${missing[*]}" >&2
		echo "$(printf '%*s' ${#who} '')  install them with: sudo apt-get install ${missing[*]}" >&2
		return 1
	fi
	echo "$who: installing missing Debian packages: ${missing[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
		echo "$who: apt-get could not install: ${missing[*]}" >&2
		return 1
	}
}
