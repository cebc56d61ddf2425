"""usbsim: run a program with simulated USB devices attached."""
import argparse
import os
import shutil
import sys
import tempfile
import traceback

from . import fixes, packages
from .child import ORIG_PRELOAD_ENV

PRELOAD = 'libumockdev-preload'
WORKDIR_ENV = 'USBSIM_WORKDIR'
EX_USAGE, EX_UNAVAILABLE, EX_SOFTWARE = 64, 69, 70


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        # Usage errors exit 64 (EX_USAGE) as documented, not argparse's 2.
        self.print_usage(sys.stderr)
        sys.stderr.write('usbsim: %s\n' % message)
        sys.exit(EX_USAGE)


def parse_args(argv):
    p = Parser(
        prog='usbsim',
        usage='usbsim [--device SPEC.json]... [--device-cmd COMMAND]... '
              '[--log EVENTS.jsonl] [--output-dir DIR] -- PROGRAM [ARGS...]',
        description='Run PROGRAM with simulated USB DFU devices attached '
                    '(ports 1-1, 1-2, ...). Exits with PROGRAM\'s status.')
    p.add_argument('--device', action='append', default=[], metavar='SPEC.json',
                   help='attach a simulated DFU device described by SPEC.json')
    p.add_argument('--device-cmd', action='append', default=[], metavar='COMMAND',
                   help='attach an external device process (see PROTOCOL.md)')
    p.add_argument('--log', metavar='EVENTS.jsonl',
                   help='write JSON event lines here (the file is truncated first)')
    p.add_argument('--output-dir', metavar='DIR',
                   help='relative output/upload_file paths of specs resolve here '
                        '(default: a temporary directory removed at exit)')
    p.add_argument('program', nargs=argparse.REMAINDER, help='PROGRAM [ARGS...]')
    args = p.parse_args(argv)
    if args.program and args.program[0] == '--':
        args.program = args.program[1:]
    if not args.program:
        p.error('missing PROGRAM (put it after --)')
    if args.output_dir is not None and not os.path.isdir(args.output_dir):
        p.error('--output-dir %s: not a directory' % args.output_dir)
    return args


def main(argv):
    args = parse_args(argv)
    if PRELOAD not in os.environ.get('LD_PRELOAD', ''):
        missing = packages.missing()
        if missing:
            sys.stderr.write('usbsim: missing Debian package(s): %s\n'
                             'usbsim: install them with: apt-get install %s\n'
                             % (', '.join(missing), ' '.join(missing)))
            return EX_UNAVAILABLE
        # The testbed owner must itself run under the preload library: the
        # uevent sender resolves the device through (redirected) libudev. The
        # bench's own fixes go in too (umockdev-wrapper puts its library first).
        env = dict(os.environ)
        env[ORIG_PRELOAD_ENV] = env.get('LD_PRELOAD', '')
        workdir = tempfile.mkdtemp(prefix='usbsim.')
        env[WORKDIR_ENV] = workdir
        env['LD_PRELOAD'] = ':'.join(p for p in (fixes.build(workdir), env[ORIG_PRELOAD_ENV]) if p)
        script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'usbsim')
        os.execvpe('umockdev-wrapper', ['umockdev-wrapper', sys.executable, script] + argv, env)
    from .bench import Bench
    from .spec import SpecError, load, normalize
    workdir = os.environ.pop(WORKDIR_ENV, None) or tempfile.mkdtemp(prefix='usbsim.')
    bench = None
    try:
        if args.output_dir is not None:
            output_dir = os.path.abspath(args.output_dir)
        else:
            output_dir = os.path.join(workdir, 'output')
            os.mkdir(output_dir)
        try:
            specs = [load(path, output_dir) for path in args.device]
            if not args.device and not args.device_cmd:
                specs = [normalize({}, output_dir)]
            bench = Bench(workdir, output_dir, args.log)
            for spec in specs:
                bench.attach_spec(spec)
            for cmd in args.device_cmd:
                bench.attach_command(cmd)
        except (SpecError, OSError) as e:
            sys.stderr.write('usbsim: %s\n' % e)
            return EX_USAGE
        return bench.run(args.program)
    finally:
        if bench is not None:
            bench.close()
        shutil.rmtree(workdir, ignore_errors=True)


def run():
    """Entry point: main(), then exit without running finalizers.

    The testbed's finalizer removes its directory and aborts when that is
    already gone; bench.close() has removed it (finalizers do not run
    reliably at interpreter exit), so the process must end here.
    """
    try:
        status = main(sys.argv[1:])
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            sys.stderr.write('%s\n' % e.code)
    except KeyboardInterrupt:
        status = 130
    except BaseException:
        traceback.print_exc()
        status = EX_SOFTWARE
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)
