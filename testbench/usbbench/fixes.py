"""The bench's own preload library (umockdev_fixes.c): built once per session with the small tcc (or cc), loaded into
the bench itself and, before umockdev's library, into every program under it."""
import os
import subprocess
import sys

from . import packages

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'umockdev_fixes.c')
LIBRARY = 'umockdev_fixes.so'


def build(workdir):
    """The library built into `workdir`; None, with a warning, when no compiler builds it."""
    target = os.path.join(workdir, LIBRARY)
    compiler = packages.compiler()
    command = [compiler, '-shared', '-fPIC', '-nostdlib', '-o', target, SOURCE] if compiler else None
    if command is None or subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT).returncode != 0:
        sys.stderr.write('usbsim: warning: %s could not be built (apt-get install tcc): programs started at once may '
                         'fail to initialise libusb, and a program that reads no uevents may stop the bench\n' % SOURCE)
        return None
    return target


def built(workdir):
    """The library `build` left in `workdir`, or None."""
    target = os.path.join(workdir, LIBRARY)
    return target if os.path.exists(target) else None
