"""usbsim: run a program with simulated USB devices attached."""
import argparse
import os
import shutil
import sys
import tempfile

PRELOAD = 'libumockdev-preload'
ORIG_PRELOAD_ENV = 'USBSIM_ORIG_LD_PRELOAD'


def missing_packages():
    missing = []
    if shutil.which('umockdev-wrapper') is None:
        missing.append('umockdev')
    try:
        import gi
    except ImportError:
        return missing + ['python3-gi', 'gir1.2-umockdev-1.0']
    try:
        gi.require_version('UMockdev', '1.0')
        from gi.repository import UMockdev  # noqa: F401
    except (ValueError, ImportError):
        missing.append('gir1.2-umockdev-1.0')
    return missing


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog='usbsim',
        usage='usbsim [--device SPEC.json]... [--device-cmd COMMAND]... '
              '[--log EVENTS.jsonl] -- PROGRAM [ARGS...]',
        description='Run PROGRAM with simulated USB DFU devices attached '
                    '(ports 1-1, 1-2, ...). Exits with PROGRAM\'s status.')
    p.add_argument('--device', action='append', default=[], metavar='SPEC.json',
                   help='attach a simulated DFU device described by SPEC.json')
    p.add_argument('--device-cmd', action='append', default=[], metavar='COMMAND',
                   help='attach an external device process (see PROTOCOL.md)')
    p.add_argument('--log', metavar='EVENTS.jsonl', help='append JSON event lines here')
    p.add_argument('program', nargs=argparse.REMAINDER, help='PROGRAM [ARGS...]')
    args = p.parse_args(argv)
    if args.program and args.program[0] == '--':
        args.program = args.program[1:]
    if not args.program:
        p.error('missing PROGRAM (put it after --)')
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    missing = missing_packages()
    if missing:
        sys.stderr.write('usbsim: missing Debian package(s): %s\n'
                         'usbsim: install them with: apt-get install %s\n'
                         % (', '.join(missing), ' '.join(missing)))
        return 69
    if PRELOAD not in os.environ.get('LD_PRELOAD', ''):
        # The testbed owner must itself run under the preload library: the
        # uevent sender resolves the device through (redirected) libudev.
        env = dict(os.environ)
        env[ORIG_PRELOAD_ENV] = env.get('LD_PRELOAD', '')
        script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'usbsim')
        os.execvpe('umockdev-wrapper', ['umockdev-wrapper', sys.executable, script]
                   + list(sys.argv[1:] if argv is None else argv), env)
    from .bench import Bench
    from .spec import SpecError, load, normalize
    try:
        specs = [load(path) for path in args.device]
    except SpecError as e:
        sys.stderr.write('usbsim: %s\n' % e)
        return 64
    if not args.device and not args.device_cmd:
        specs = [normalize({})]
    workdir = tempfile.mkdtemp(prefix='usbsim.')
    bench = Bench(workdir, args.log)
    try:
        for spec in specs:
            bench.attach_spec(spec)
        for cmd in args.device_cmd:
            bench.attach_command(cmd)
        return bench.run(args.program)
    finally:
        bench.close()
        shutil.rmtree(workdir, ignore_errors=True)
