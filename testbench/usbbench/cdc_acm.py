"""Linux's cdc_acm driver, emulated: a /dev/ttyACMn for each CDC ACM serial port of a board (cdc_device.py).

What a host sees, as with a kernel (board on port 1-2, control interface 0, data interface 1):
* /sys/devices/usb1/1-2/1-2:1.0/tty/ttyACM0 (SUBSYSTEM=tty, MAJOR 166, MINOR n, `dev`, `device` -> the control
  interface), /sys/class/tty/ttyACM0 and /sys/dev/char/166:n (umockdev makes those two), and the `driver` links of
  both interfaces to /sys/bus/usb/drivers/cdc_acm: jSerialComm lists only ttys whose device has a driver, and
  takes the port's location ("1-2", the USB port path) from device/../busnum and devpath.
* /dev/ttyACMn: a symlink to the slave of a pty the bench owns. umockdev's preload shows a testbed node that links
  into /dev as a character device (rdev from dev/.node: 166:n), so hosts see no link; and it connects every open of
  a testbed node to the node's ioctl socket and ends the host when there is none, so each tty has one. Its handler
  lets the host run each ioctl on the pty itself (IoctlClient.execute), except the modem-line ioctls, which a pty
  lacks and cdc_acm turns into requests. (umockdev's own ttys, `N:` lines, abort the bench when a node is added
  again after remove_device, and its ptymap makes isatty() false for them.)
* What the host does reaches the board as cdc_acm sends it: probe -> SET_LINE_CODING 9600 8N1; every open ->
  SET_CONTROL_LINE_STATE DTR|RTS (unless the baud rate is B0); a termios change -> SET_LINE_CODING when the coding
  differs from the last one sent (B0 drops DTR|RTS); TIOCMSET/TIOCMBIS/TIOCMBIC -> SET_CONTROL_LINE_STATE; the
  last close -> SET_CONTROL_LINE_STATE 0 when HUPCL is set (cdc_acm's initial termios has it). Opens and closes
  are seen with inotify on the pty's slave, which counts open files as the kernel's tty counts its opens; termios
  changes from the TCSETS ioctls through the socket, and from the bench's preload library (umockdev_fixes.c) after
  each tcsetattr(), whose own ioctl umockdev cannot route; the last close looks at the termios again.
* When the board leaves the bus, the sysfs entry goes, the node points nowhere (stat() and open() fail with ENOENT;
  _point says why it stays), and the pty's master is closed: a host still
  holding the port gets EIO or end of file from read() and EIO from write(), as after the kernel's tty_vhangup.
  Its number stays taken until the last holder closes it (the kernel keeps the tty until then), so a board that
  comes back meanwhile gets the next free number.
"""
import ctypes
import errno
import fcntl
import os
import struct
import sys
import termios
import traceback

import gi
gi.require_version('UMockdev', '1.0')
from gi.repository import GLib, UMockdev  # noqa: E402

from . import descriptors as D  # noqa: E402
from .cdc_device import (DEFAULT_LINE_CODING, DTR, LINE_CODING, RTS, SET_CONTROL_LINE_STATE,  # noqa: E402
                         SET_LINE_CODING)
from .mainlock import LOCK, locked  # noqa: E402
from .usb_device import Setup  # noqa: E402

ACM_MAJOR = 166
DRIVER_DIR = 'sys/bus/usb/drivers/cdc_acm'
# cdc_acm's init_termios: 9600 8N1, HUPCL (DTR drops at the last close), CLOCAL; the rest is a tty's default.
INIT_CFLAG = termios.B9600 | termios.CS8 | termios.CREAD | termios.HUPCL | termios.CLOCAL
CMSPAR = 0o10000000000
DATA_BITS = {termios.CS5: 5, termios.CS6: 6, termios.CS7: 7, termios.CS8: 8}
TCGETS2 = 0x802c542a
TERMIOS2 = struct.Struct('<4I B 19s 2I')    # c_iflag c_oflag c_cflag c_lflag c_line c_cc c_ispeed c_ospeed
SET_TERMIOS = {0x5402, 0x5403, 0x5404, 0x402c542b, 0x402c542c, 0x402c542d}   # TCSETS[WF], TCSETS[WF]2 (termios2)
# What the bench's preload library (umockdev_fixes.c) sends after each tcsetattr(), whose own ioctl umockdev cannot
# route: the termios asked for (a pty drops parity and sizes other than 8 bits). Answered here, never run.
USBSIM_TERMIOS = 0x402454fe
TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCMSET = 0x5415, 0x5416, 0x5417, 0x5418
TIOCM_DTR, TIOCM_RTS, TIOCM_CTS = 0x002, 0x004, 0x020
IN_CLOSE_WRITE, IN_CLOSE_NOWRITE, IN_OPEN, IN_IGNORED = 0x08, 0x10, 0x20, 0x8000
INOTIFY_EVENT = struct.Struct('iIII')      # wd, mask, cookie, len (then the name)
_libc = ctypes.CDLL(None, use_errno=True)


def _bulk_endpoints(config, number):
    """(IN, OUT) bulk endpoint addresses of interface `number` (alt 0) in a configuration descriptor, or None."""
    found, current, at = [], None, 0
    while at + 2 <= len(config) and config[at] >= 2:
        length, kind = config[at], config[at + 1]
        if kind == D.DT_INTERFACE and length >= 9:
            current = (config[at + 2], config[at + 3])
        elif kind == D.DT_ENDPOINT and length >= 7 and current == (number, 0) and config[at + 3] & 3 == 2:
            found.append(config[at + 2])
        at += length
    ins, outs = [a for a in found if a & 0x80], [a for a in found if not a & 0x80]
    return (ins[0], outs[0]) if ins and outs else None


class TtyHandler(UMockdev.IoctlBase):
    """The ioctl socket of /dev/ttyACMn (umockdev's worker thread)."""

    def __init__(self, tty):
        super().__init__()
        self.tty = tty
        self.connect('handle-ioctl', self._on_ioctl)

    def _on_ioctl(self, _base, client):
        try:
            request = client.get_request()
            asked = None
            if request in SET_TERMIOS or request == USBSIM_TERMIOS:
                asked = struct.unpack('<3I', bytes(client.get_arg().resolve(0, 12).retrieve()))[2]   # c_cflag
            with LOCK:
                self.tty.driver.poll()      # the host's opens and closes before this ioctl come first, as in a kernel
                if request == USBSIM_TERMIOS:
                    result = self.tty.termios_changed(asked)
                elif request in (TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCMSET):
                    result = self.tty.modem(request, client.get_arg())
                else:
                    result = None
            if result is None:
                # The host runs it on the pty; not under the lock, which the main loop needs to read the pty meanwhile.
                result = client.execute()
                if asked is not None and result[0] == 0:
                    with LOCK:
                        self.tty.termios_changed(asked)
        except Exception:           # never leave the host hanging
            traceback.print_exc(file=sys.stderr)
            result = (-1, errno.EIO)
        client.complete(*result)
        return True


# Where the node of a tty that went points: opening it fails with ENOENT, as opening a removed node does
# (umockdev_fixes.c's gone_tty knows it too).
GONE = '/dev/.usbbench-gone/'
# How long a gone tty's ioctl socket stays (bus._retire_socket): a host that opened the node just before it went
# connects to the socket after its open returns, which on a busy machine can be a long while later. Opens of the
# gone node never reach the socket (gone_tty), so it may stay that long.
TTY_SOCKET_GRACE_MS = 2000


def _point(root, name, target):
    """Makes /dev/NAME a symlink to target in one step. umockdev's preload lstat()s a node, then readlink()s it, and
    aborts its host (an assertion) when the link went in between: a JVM listing serial ports while a board left died
    so. So a node is only ever pointed elsewhere, never removed: a tty that goes leaves it pointing nowhere, which
    stat() and open() take as no node (ENOENT), as the ports the system lists (sysfs) have none. The new link is made
    outside /dev, where no host looks."""
    spare = os.path.join(root, '.usbbench-links')
    os.makedirs(spare, exist_ok=True)
    link = os.path.join(spare, name)
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(target, link)
    os.replace(link, os.path.join(root, 'dev', name))


class AcmTty:
    def __init__(self, driver, port, inst, minor, interface, endpoints):
        self.driver, self.port, self.inst = driver, port, inst
        self.minor, self.name = minor, 'ttyACM%d' % minor
        self.devnode = '/dev/' + self.name
        self.interface = interface
        self.ep_in, self.ep_out = endpoints
        self.bound = True
        self.openers = 0
        self.ctrlout = 0                # DTR|RTS as last sent
        self.line = None                # line coding as last sent
        self.reader = None
        self.master, slave = os.openpty()
        self.pts = os.ttyname(slave)
        # The termios the last tty of this number had (the kernel keeps it per number), else cdc_acm's initial one;
        # `frame`: the character size and parity the host asked for last (a pty keeps CS8 only).
        attrs, self.frame = driver.saved.get(minor, (None, termios.CS8))
        if attrs is None:
            attrs = termios.tcgetattr(slave)
            attrs[2], attrs[4], attrs[5] = INIT_CFLAG, termios.B9600, termios.B9600
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.cbaud = attrs[2] & termios.CBAUD   # the baud code before the host's last change (B0 drops DTR)
        os.close(slave)                 # before the watch: the bench is no opener
        os.set_blocking(self.master, False)
        self.watch = driver.watch(self.pts, self)
        self.handler = TtyHandler(self)
        self.syspath = None

    def publish(self):
        bus, root = self.driver.bus, self.driver.root
        for stale in ('dev/.node/' + self.name, 'sys/dev/char/%d:%d' % (ACM_MAJOR, self.minor)):
            # Left behind by umockdev's remove_device when the node was gone first; adding the entry aborts over them.
            bus._unlink(os.path.join(root, stale))
        # The ioctl socket and the node first: a host that hears of the tty finds both.
        bus._attach_socket(self.devnode, self.handler)
        _point(root, self.name, self.pts)
        control = self.inst.interfaces[self.interface]
        os.makedirs(os.path.join(root, DRIVER_DIR), exist_ok=True)
        for number in (self.interface, self.interface + 1):
            link = os.path.join(root, self.inst.interfaces[number].lstrip('/'), 'driver')
            bus._unlink(link)
            os.symlink('../../../../bus/usb/drivers/cdc_acm', link)
        self.syspath = bus._add_entry(
            '%s/tty/%s' % (control[len('/sys/devices/'):], self.name), {'dev': '%d:%d' % (ACM_MAJOR, self.minor)},
            ['DEVNAME', self.devnode, 'MAJOR', str(ACM_MAJOR), 'MINOR', str(self.minor)],
            subsystem='tty', links={'device': '../../../' + os.path.basename(control)})
        self.port.log('tty-add', devname=self.devnode, interface=self.interface, pty=self.pts)
        self._set_line(DEFAULT_LINE_CODING)     # cdc_acm's probe

    def hang_up(self):
        """The board left the bus."""
        bus, root = self.driver.bus, self.driver.root
        self.bound = False
        _point(root, self.name, GONE + self.name)
        self._keep_node_from_umockdev(root)
        bus._retire_socket(self.devnode, TTY_SOCKET_GRACE_MS)
        bus.testbed.uevent(self.syspath, 'remove')
        bus.testbed.remove_device(self.syspath)
        self.port.log('tty-remove', devname=self.devnode, openers=self.openers)
        self._stop_reading()
        self.driver.saved[self.minor] = (termios.tcgetattr(self.master), self.frame)
        os.close(self.master)
        self.master = None
        self._release_when_unused()

    def _keep_node_from_umockdev(self, root):
        """umockdev's remove_device unlinks the node its entry's DEVNAME names: without DEVNAME it leaves it alone."""
        uevent = os.path.join(root, self.syspath.lstrip('/'), 'uevent')
        with open(uevent) as f:
            lines = [line for line in f if not line.startswith('DEVNAME=')]
        with open(uevent, 'w') as f:
            f.writelines(lines)

    def _release_when_unused(self):
        if not self.bound and self.openers == 0:
            self.driver.release(self)

    # ---- the host's side --------------------------------------------------------------------------------------
    def inotify(self, mask):
        if mask & IN_OPEN:
            self.openers += 1
            self.port.log('tty-open', devname=self.devnode, openers=self.openers)
            if self.bound:
                if self.reader is None:
                    self.reader = GLib.io_add_watch(self.master, GLib.PRIORITY_DEFAULT,
                                                    GLib.IO_IN | GLib.IO_HUP | GLib.IO_ERR, locked(self._readable))
                if self._termios()[0] & termios.CBAUD != termios.B0:
                    self._set_control(DTR | RTS)        # tty_port_block_til_ready() raises them at each open
        elif mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE):
            self.openers = max(0, self.openers - 1)
            self.port.log('tty-close', devname=self.devnode, openers=self.openers)
            if self.bound and self.openers == 0:
                self._drain()       # what the host wrote before it closed reaches the board first
                self._stop_reading()
                self.termios_changed()      # a change the bench was not told of (a program without tcsetattr)
                if self._termios()[0] & termios.HUPCL:
                    self._set_control(0)
        elif mask & IN_IGNORED:     # the slave is gone: nobody holds it any more
            self.openers = 0
        self._release_when_unused()

    def _readable(self, *_):
        self._drain()
        if self.openers == 0:       # the slave has no opener (EIO) and the close is handled: stop watching
            self.reader = None
            return False
        return True

    def _drain(self):
        while self.master is not None:
            try:
                data = os.read(self.master, 4096)
            except BlockingIOError:
                return
            except OSError:     # EIO: no opener; the inotify close event is already queued (it precedes the release)
                self.driver.poll()
                return
            if not data:
                return
            self.port.data_out(self.ep_out, data)

    def _stop_reading(self):
        if self.reader is not None:
            GLib.source_remove(self.reader)
            self.reader = None

    def to_host(self, data):
        """The board's bulk IN data: the host polls for it only while the port is open; what does not fit is lost."""
        if self.bound and self.openers > 0:
            try:
                return os.write(self.master, data)
            except OSError:
                pass
        return 0

    def _termios(self):
        """(c_cflag, c_ospeed) the host set on the slave (a pty's master reads its slave's termios)."""
        fields = TERMIOS2.unpack(fcntl.ioctl(self.master, TCGETS2, bytes(TERMIOS2.size)))
        return fields[2], fields[7]

    def termios_changed(self, asked=None):
        """acm_tty_set_termios(): a new line coding goes to the board, B0 drops DTR and RTS. `asked`: the c_cflag the
        host set, when known (the pty's own termios has lost its parity and character size)."""
        if not self.bound:
            return -1, errno.EIO
        if asked is not None:
            self.frame = asked & (termios.CSIZE | termios.PARENB)
        cflag, rate = self._termios()
        cflag = (cflag & ~(termios.CSIZE | termios.PARENB)) | self.frame
        ctrl = self.ctrlout
        if cflag & termios.CBAUD == termios.B0:
            rate, ctrl = self.line[0], ctrl & ~(DTR | RTS)
        elif self.cbaud == termios.B0:
            ctrl |= DTR | RTS
        self.cbaud = cflag & termios.CBAUD
        parity = ((1 if cflag & termios.PARODD else 2) + (2 if cflag & CMSPAR else 0)) if cflag & termios.PARENB else 0
        line = (rate, 2 if cflag & termios.CSTOPB else 0, parity, DATA_BITS[cflag & termios.CSIZE])
        if ctrl != self.ctrlout:
            self._set_control(ctrl)
        if line != self.line:
            self._set_line(line)
        return 0, 0

    def modem(self, request, arg):
        """TIOCMGET/TIOCMSET/TIOCMBIS/TIOCMBIC as cdc_acm answers them (CTS always on); a pty has none."""
        if not self.bound:
            return -1, errno.EIO
        value = arg.resolve(0, 4)
        if request == TIOCMGET:
            bits = (TIOCM_DTR if self.ctrlout & DTR else 0) | (TIOCM_RTS if self.ctrlout & RTS else 0) | TIOCM_CTS
            value.update(0, list(struct.pack('<i', bits)))
            return 0, 0
        bits = struct.unpack('<i', bytes(value.retrieve()))[0]
        lines = (DTR if bits & TIOCM_DTR else 0) | (RTS if bits & TIOCM_RTS else 0)
        ctrl = {TIOCMSET: lines, TIOCMBIS: self.ctrlout | lines, TIOCMBIC: self.ctrlout & ~lines}[request]
        if ctrl != self.ctrlout:
            self._set_control(ctrl)
        return 0, 0

    def _set_control(self, value):
        self.ctrlout = value
        self.port.control(Setup.make(0x21, SET_CONTROL_LINE_STATE, value, self.interface, 0), b'')

    def _set_line(self, line):
        self.line = line
        self.port.control(Setup.make(0x21, SET_LINE_CODING, 0, self.interface, LINE_CODING.size),
                          LINE_CODING.pack(*line))


class AcmDriver:
    def __init__(self, bus):
        self.bus = bus
        self.root = bus.testbed.get_root_dir()
        self.ttys = {}          # minor -> AcmTty, bound or still held open after its board left
        self.watches = {}       # inotify watch descriptor -> AcmTty
        self.saved = {}         # minor -> (termios, character size and parity) its last tty had
        self.polling = False
        self.fd = _libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), 'inotify_init1')
        GLib.io_add_watch(self.fd, GLib.PRIORITY_HIGH, GLib.IO_IN, locked(lambda *_: self.poll() or True))

    def bind(self, port, inst, config):
        """cdc_acm's probe: a tty for each serial port of the board's configuration that has its data interface."""
        for interface in getattr(port.device, 'serial_interfaces', lambda: [])():
            endpoints = _bulk_endpoints(config, interface + 1)
            if endpoints is None or interface not in inst.interfaces or interface + 1 not in inst.interfaces:
                port.log('serial-probe-failed', interface=interface)
                continue
            minor = min(set(range(len(self.ttys) + 1)) - set(self.ttys))
            self.ttys[minor] = AcmTty(self, port, inst, minor, interface, endpoints)
            self.ttys[minor].publish()

    def unbind(self, inst):
        for tty in list(self.ttys.values()):
            if tty.inst is inst and tty.bound:
                tty.hang_up()

    def devnames(self, port):
        return [tty.devnode for _minor, tty in sorted(self.ttys.items()) if tty.port is port and tty.bound]

    def to_host(self, port, ep, data):
        for tty in self.ttys.values():
            if tty.port is port and tty.bound and tty.ep_in == ep:
                return tty.to_host(data)
        return 0

    def watch(self, path, tty):
        wd = _libc.inotify_add_watch(self.fd, path.encode(), IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)
        if wd < 0:
            raise OSError(ctypes.get_errno(), 'inotify_add_watch %s' % path)
        self.watches[wd] = tty
        return wd

    def release(self, tty):
        """The tty's number is free again."""
        if self.ttys.get(tty.minor) is tty:
            del self.ttys[tty.minor]
        if self.watches.pop(tty.watch, None) is not None:
            _libc.inotify_rm_watch(self.fd, tty.watch)     # fails harmlessly after IN_IGNORED

    def poll(self):
        """Hands the pending open and close events of the ttys' slaves to them, in order: a call made while one is
        handled (a tty that found its slave closed) returns at once, and the events that follow wait their turn."""
        if self.polling:
            return
        self.polling = True
        try:
            while True:
                try:
                    buf = os.read(self.fd, 65536)
                except BlockingIOError:
                    return
                at = 0
                while at < len(buf):
                    wd, mask, _cookie, length = INOTIFY_EVENT.unpack_from(buf, at)
                    at += INOTIFY_EVENT.size + length
                    tty = self.watches.get(wd)
                    if tty is not None:
                        tty.inotify(mask)
        finally:
            self.polling = False
