"""Which Debian packages the bench (and its tests) need, and which are missing."""
import ctypes.util
import shutil

TEST_TOOLS = [('dfu-util', 'dfu-util'), ('lsusb', 'usbutils')]


def _umockdev_gi():
    try:
        import gi
    except ImportError:
        return ['python3-gi', 'gir1.2-umockdev-1.0']
    try:
        gi.require_version('UMockdev', '1.0')
        from gi.repository import UMockdev  # noqa: F401
    except (ValueError, ImportError):
        return ['gir1.2-umockdev-1.0']
    return []


def compiler():
    """A C compiler for the bench's preload library (umockdev_fixes.c): the small tcc, or the system's cc."""
    return next((path for path in map(shutil.which, ('tcc', 'cc', 'gcc')) if path), None)


def missing(for_tests=False):
    """Debian package names that are not installed: usbsim's own needs, plus
    the tools and library the tests drive when for_tests."""
    result = []
    if shutil.which('umockdev-wrapper') is None:
        result.append('umockdev')
    if compiler() is None:
        result.append('tcc')
    result += _umockdev_gi()
    if for_tests:
        result += [pkg for tool, pkg in TEST_TOOLS if shutil.which(tool) is None]
        if ctypes.util.find_library('usb-1.0') is None:
            result.append('libusb-1.0-0')
    return result
