"""One bench session: a umockdev testbed, a bus of simulated devices, the
control socket, and PROGRAM running under umockdev's preload library."""
import os
import shutil
import signal
import subprocess
import sys

import gi
gi.require_version('UMockdev', '1.0')
from gi.repository import GLib, UMockdev  # noqa: E402

from . import child, fixes  # noqa: E402
from .bus import Bus  # noqa: E402
from .control import ControlServer  # noqa: E402
from .dfu_device import DfuDevice, STATE_NAMES  # noqa: E402
from .eventlog import EventLog  # noqa: E402

CONTROL_ENV = 'USBSIM_CONTROL'
OUTPUT_DIR_ENV = 'USBSIM_OUTPUT_DIR'


UMOCKDEV_PRELOAD = 'libumockdev-preload.so.0'


class Bench:
    def __init__(self, workdir, output_dir, log_path=None):
        self.output_dir = output_dir
        self.log = EventLog(log_path)       # first: a bad path leaves nothing behind
        self.testbed = UMockdev.Testbed.new()
        # umockdev's preload connects an open() of any /dev path to this fallback socket even when the open
        # failed, and keeps that socket in a 50-entry table for good: a host opening nodes that just vanished
        # (a normal race with hotplug) would abort after 50 such opens. Every node of ours has its own socket.
        default_socket = os.path.join(self.testbed.get_root_dir(), 'ioctl', '_default')
        if os.path.exists(default_socket):
            os.unlink(default_socket)
        self.bus = Bus(self.testbed, self.log)
        self.control = ControlServer(os.path.join(workdir, 'control.sock'), self)
        self.loop = GLib.MainLoop()
        self.status = None
        self.fixes = fixes.built(workdir)

    def attach_spec(self, spec):
        return self.bus.attach(lambda port: DfuDevice(spec, port), spec['speed'])

    def attach_command(self, command):
        from .external import ExternalDevice
        env = child.environment(**{OUTPUT_DIR_ENV: self.output_dir})
        return self.bus.attach(lambda port: ExternalDevice(command, port, env))

    def describe(self):
        lines = []
        for number in sorted(self.bus.ports):
            port = self.bus.ports[number]
            dev = port.device
            inst = port.instance
            where = ('devnum=%d %s' % (inst.devnum, inst.devnode)) if inst else 'disconnected'
            ident = ''
            if inst:
                vid, pid = inst.descriptors[8:10], inst.descriptors[10:12]
                ident = ' %04x:%04x' % (int.from_bytes(vid, 'little'), int.from_bytes(pid, 'little'))
            mode = ''
            if isinstance(dev, DfuDevice):
                mode = ' mode=%s state=%s' % (dev.mode, STATE_NAMES[dev.state])
            ttys = self.bus.acm.devnames(port)
            if ttys:
                mode += ' tty=' + ','.join(ttys)
            lines.append('%s %s%s%s name=%s' % (port.name, where, ident, mode,
                                                 getattr(dev, 'name', '?')))
        return lines

    def run(self, program):
        env = child.environment(**{'UMOCKDEV_DIR': self.testbed.get_root_dir(),
                                   CONTROL_ENV: self.control.path,
                                   OUTPUT_DIR_ENV: self.output_dir})
        # As umockdev-wrapper does, with the bench's fixes first: they must see the program's bind before umockdev does.
        env['LD_PRELOAD'] = ':'.join(p for p in (self.fixes, UMOCKDEV_PRELOAD, env.get('LD_PRELOAD', '')) if p)
        try:
            proc = subprocess.Popen(list(program), env=env, preexec_fn=child.die_with_parent(signal.SIGTERM))
        except OSError as e:
            sys.stderr.write('usbsim: cannot run %s: %s\n' % (program[0], e))
            return 127

        def exited(_pid, wait_status):
            proc.returncode = 0     # reaped by GLib; keep Popen from waiting again
            if os.WIFSIGNALED(wait_status):
                self.status = 128 + os.WTERMSIG(wait_status)
            else:
                self.status = os.WEXITSTATUS(wait_status)
            self.loop.quit()
        GLib.child_watch_add(GLib.PRIORITY_DEFAULT, proc.pid, exited)

        def forward(signum):
            try:
                os.kill(proc.pid, signum)
            except OSError:
                pass
            return True
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, forward, signum)
        self.loop.run()
        return self.status

    def close(self):
        for number in list(self.bus.ports):
            port = self.bus.ports[number]
            if port.device is not None:
                try:
                    port.device.close()
                except Exception:
                    pass
        self.control.close()
        self.log.close()
        # The testbed's finalizer does not run reliably at interpreter exit;
        # usbsim removes the directory here and then ends with os._exit().
        shutil.rmtree(self.testbed.get_root_dir(), ignore_errors=True)
