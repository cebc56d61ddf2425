"""The simulated host side: a bus with ports, enumeration, and the sysfs and
/dev publication libusb needs.

libusb reads device and configuration descriptors only from the sysfs
`descriptors` file, never over the wire, so each port enumerates its device
like the kernel does (reset, GET_DESCRIPTOR, SET_ADDRESS, strings,
SET_CONFIGURATION) and publishes the result in the umockdev testbed, then
announces it with an "add" uevent. A reset that changes the descriptors is a
re-enumeration: "remove" uevent, then the device comes back under a new
device number, as with the kernel's usb_reset_device().
"""
import errno
import os
import struct

from gi.repository import GLib

from . import descriptors as D
from .cdc_acm import AcmDriver
from .mainlock import locked
from .usb_device import GET_DESCRIPTOR, SET_ADDRESS, SET_CONFIGURATION, STALL, Setup
from .usbdevfs import UsbDevfsHandler

USB_MAJOR = 189
LANG = 0x0409
# How long a retired node's socket stays after the node (_retire_socket).
SOCKET_GRACE_MS = 20
EACCES_TARGET = '/proc/sys/kernel/osrelease'   # opening it read-write gives EACCES even to root


def _escaped(text):
    """A sysfs value as a umockdev-record line holds it (umockdev reads it with g_strcompress)."""
    return ''.join('\\\\' if c == '\\' else '\\%03o' % ord(c) if ord(c) < 0x20 or ord(c) == 0x7f else c for c in text)


class EnumerationError(Exception):
    pass


class Instance:
    """One enumeration of a device: a device number, a sysfs dir, a node."""

    def __init__(self, devnum, syspath, devnode, descriptors, strings):
        self.devnum = devnum
        self.syspath = syspath
        self.devnode = devnode
        self.descriptors = descriptors
        self.strings = strings
        self.names = {}             # (interface, alt) -> name
        self.interfaces = {}        # interface number -> its sysfs entry
        self.alive = True
        self.handler = None


class Port:
    """A hub port; also the `host` object a simulated device talks to."""

    def __init__(self, bus, number):
        self.bus = bus
        self.number = number
        self.name = '%d-%d' % (bus.busnum, number)
        self.device = None
        self.instance = None
        self.reconnect_source = None
        self.speed = 'high'
        self._config = b''

    # ---- services for devices -------------------------------------------
    def log(self, event, **fields):
        self.bus.log.write(self.name, event, **fields)

    def call_later(self, ms, fn):
        return GLib.timeout_add(max(0, int(ms)), locked(fn))

    def cancel(self, source):
        GLib.source_remove(source)

    def leave_bus(self, reconnect_ms, now=False):
        """The device disconnects itself; back after `reconnect_ms` unless None."""
        if now:
            self.disconnect()
        else:
            GLib.idle_add(locked(lambda: self.disconnect() and False))
        self._schedule_connect(reconnect_ms)

    def pull_out(self):
        """The board is pulled out of this port, as with `detach PORT` on the control socket."""
        GLib.idle_add(locked(lambda: self.bus.detach(self.name) and False))

    def device_connect(self):
        """External device said CONNECT."""
        if self.instance is None and self.device is not None:
            self.connect()

    def device_disconnect(self):
        self.disconnect()

    # ---- host side -------------------------------------------------------
    def plug(self, device, speed='high'):
        self.device = device
        self.speed = speed
        self.log('attach', device=getattr(device, 'name', '?'))
        self.connect()

    def unplug(self):
        self.log('detach')
        self._cancel_reconnect()
        self.disconnect()
        if self.device is not None:
            self.device.close()
        self.device = None

    def _cancel_reconnect(self):
        if self.reconnect_source is not None:
            GLib.source_remove(self.reconnect_source)
            self.reconnect_source = None

    def _schedule_connect(self, ms):
        self._cancel_reconnect()
        if ms is None:
            return

        def fire():
            self.reconnect_source = None
            if self.device is not None and self.instance is None:
                self.connect()
            return False
        self.reconnect_source = GLib.timeout_add(max(0, int(ms)), locked(fire))

    def control(self, setup, data):
        """One control transfer on the wire (a Setup or its 8 bytes), logged."""
        s = setup if isinstance(setup, Setup) else Setup(setup)
        log = self.bus.log
        if log:
            fields = s.as_dict()
            if data:
                fields['data'] = bytes(data[:64]).hex()
            log.write(self.name, 'setup', **fields)
        if self.device is None:
            return None
        reply = self.device.control(s, bytes(data))
        if log:
            if reply is STALL:
                log.write(self.name, 'stall')
            elif isinstance(reply, (bytes, bytearray)):
                log.write(self.name, 'reply', length=len(reply), data=bytes(reply[:64]).hex())
            else:
                log.write(self.name, 'error', reply=repr(reply))
        return reply

    def data_out(self, ep, data):
        return self.device.data_out(ep, data) if self.device else None

    def data_in(self, ep, length):
        return self.device.data_in(ep, length) if self.device else None

    def bulk_in(self, ep, data):
        """The device sends `data` on bulk IN endpoint `ep` (a serial port's output); returns what the host took."""
        return self.bus.acm.to_host(self, ep, data) if self.instance is not None else 0

    def interfaces(self):
        return set(self._interfaces)

    def _get(self, kind, index, length, lang=0):
        reply = self.control(Setup.make(0x80, GET_DESCRIPTOR, (kind << 8) | index, lang, length), b'')
        if not isinstance(reply, (bytes, bytearray)):
            return None
        return bytes(reply)

    def _read_descriptors(self):
        dev = self._get(D.DT_DEVICE, 0, 18)
        if not dev or len(dev) < 18:
            raise EnumerationError('no device descriptor')
        head = self._get(D.DT_CONFIG, 0, 9)
        if not head or len(head) < 9:
            raise EnumerationError('no configuration descriptor')
        total = struct.unpack_from('<H', head, 2)[0]
        config = self._get(D.DT_CONFIG, 0, total)
        if not config or len(config) != total:
            raise EnumerationError('short configuration descriptor')
        return dev, self._as_kernel_keeps(config)

    def _as_kernel_keeps(self, config):
        """The configuration up to its first descriptor of impossible length, as Linux's
        usb_parse_configuration() keeps it: sysfs `descriptors` shows only that much, and libusb walks
        it trusting every bLength (a bLength of 0 there would loop forever)."""
        at = config[0] if 9 <= config[0] <= len(config) else len(config)
        while len(config) - at >= 2:
            length = config[at]
            if length < 2 or length > len(config) - at:
                self.log('invalid-descriptor', offset=at, length=length)
                break
            at += length
        return config[:at]

    def _read_strings(self, dev, config):
        """The device's strings and its interfaces' names ((interface, alt) -> name), as the kernel caches them for
        sysfs. (The kernel reads an alt setting's name when the alt is selected; all are read here, once.)"""
        strings, names = {}, {}
        langs = self._get(D.DT_STRING, 0, 255)
        if not langs or len(langs) < 4:
            return strings, names

        def text(index):
            raw = self._get(D.DT_STRING, index, 255, LANG)
            return raw[2:raw[0]].decode('utf-16-le', 'replace') if raw and len(raw) >= 2 else None
        for attr, index in (('manufacturer', dev[14]), ('product', dev[15]), ('serial', dev[16])):
            value = text(index) if index else None
            if value is not None:
                strings[attr] = value
        for interface in self._interface_descriptors(config):
            value = text(interface[8]) if interface[8] else None
            if value is not None:
                names[(interface[2], interface[3])] = value
        return strings, names

    def connect(self):
        """Enumerate the device as the kernel would and publish it."""
        if self.instance is not None or self.device is None:
            return
        self.device.bus_reset(connect=True)
        self.log('reset', reason='connect')
        try:
            self._get(D.DT_DEVICE, 0, 64)
            devnum = self.bus.alloc_devnum()
            self.control(Setup.make(0x00, SET_ADDRESS, devnum, 0, 0), b'')
            dev, config = self._read_descriptors()
            strings, names = self._read_strings(dev, config)
            self.control(Setup.make(0x00, SET_CONFIGURATION, config[5], 0, 0), b'')
        except EnumerationError as e:
            self.log('enumeration-failed', reason=str(e))
            return
        self._config = config
        self._interfaces = self._interface_numbers(config)
        self.instance = self.bus.publish(self, devnum, dev, config, strings, names)
        self.log('connect', devnum=devnum, devnode=self.instance.devnode,
                 idVendor='%04x' % struct.unpack_from('<H', dev, 8)[0],
                 idProduct='%04x' % struct.unpack_from('<H', dev, 10)[0])
        # Then drivers bind to its interfaces: cdc_acm makes a tty of each serial port.
        self.bus.acm.bind(self, self.instance, config)

    @staticmethod
    def _interface_descriptors(config):
        found, i = [], 0
        while i + 2 <= len(config) and config[i] >= 2:
            if config[i + 1] == D.DT_INTERFACE and config[i] >= 9 and i + 9 <= len(config):
                found.append(config[i:i + 9])
            i += config[i]
        return found

    @classmethod
    def _interface_numbers(cls, config):
        return {interface[2] for interface in cls._interface_descriptors(config)}

    def interface_selected(self, number, alt):
        """SET_INTERFACE went through: sysfs shows the interface's new alt setting, as the kernel's does."""
        if self.instance is not None:
            self.bus.show_alt(self.instance, number, alt)

    def disconnect(self):
        inst, self.instance = self.instance, None
        if inst is None:
            return
        inst.alive = False
        delay = getattr(self.device, 'remove_event_delay', lambda: 0)() if self.device is not None else 0
        self.bus.unpublish(inst, delay)
        self.log('disconnect', devnum=inst.devnum)

    def host_reset(self):
        """USBDEVFS_RESET: returns (result, errno) for the ioctl."""
        inst = self.instance
        if inst is None or self.device is None:
            return -1, errno.ENODEV
        self.log('reset', reason='host')
        self.device.bus_reset(connect=False)
        try:
            self.control(Setup.make(0x00, SET_ADDRESS, inst.devnum, 0, 0), b'')
            dev, config = self._read_descriptors()
        except EnumerationError:
            dev = config = None
        if dev is not None and dev + config == inst.descriptors:
            self.control(Setup.make(0x00, SET_CONFIGURATION, config[5], 0, 0), b'')
            return 0, 0
        # Changed descriptors: the kernel re-enumerates and fails the reset.
        self.disconnect()
        delay = self.device.reconnect_delay()
        self._schedule_connect(delay)
        return -1, errno.ENODEV


class Bus:
    def __init__(self, testbed, log, busnum=1):
        self.testbed = testbed
        self.log = log
        self.busnum = busnum
        self.ports = {}
        self.last_devnum = 1        # 1 belongs to the (unpublished) root hub
        self.used = set()
        self.sockets = set()        # device nodes that have an ioctl socket
        self.retiring = {}          # device node -> the timer that removes its socket file (_retire_socket)
        self.leaving = set()        # port numbers whose sysfs entry waits for a late "remove" uevent
        self.acm = AcmDriver(self)

    def alloc_devnum(self):
        for _ in range(126):
            self.last_devnum = self.last_devnum % 127 + 1
            if self.last_devnum != 1 and self.last_devnum not in self.used:
                self.used.add(self.last_devnum)
                return self.last_devnum
        raise EnumerationError('no free device number')

    def attach(self, make_device, speed='high', number=None):
        if number is None:
            number = 1
            while number in self.ports or number in self.leaving:
                number += 1
        port = Port(self, number)
        self.ports[number] = port
        try:
            port.plug(make_device(port), speed)
        except BaseException:
            # A device that cannot be made (a bad spec, a missing file) leaves no port behind.
            del self.ports[number]
            raise
        return port

    def detach(self, name):
        for number, port in list(self.ports.items()):
            if port.name == name:
                port.unplug()
                del self.ports[number]
                return True
        return False

    def _char_link(self, minor):
        return os.path.join(self.testbed.get_root_dir(), 'sys/dev/char/%d:%d' % (USB_MAJOR, minor))

    @staticmethod
    def _unlink(path):
        if os.path.lexists(path):
            os.unlink(path)

    def publish(self, port, devnum, dev, config, strings, names):
        bus = self.busnum
        minor = (bus - 1) * 128 + devnum - 1
        devnode = '/dev/bus/usb/%03d/%03d' % (bus, devnum)
        vid, pid, bcd = struct.unpack_from('<HHH', dev, 8)
        attrs = {
            'busnum': '%d' % bus, 'devnum': '%d' % devnum,
            'devpath': '%d' % port.number, 'dev': '%d:%d' % (USB_MAJOR, minor),
            'speed': {'full': '12', 'high': '480'}[port.speed],
            'bConfigurationValue': '%d' % config[5],
            'bNumConfigurations': '%d' % dev[17], 'bNumInterfaces': '%2d' % config[4],
            'bDeviceClass': '%02x' % dev[4], 'bDeviceSubClass': '%02x' % dev[5],
            'bDeviceProtocol': '%02x' % dev[6], 'bMaxPacketSize0': '%d' % dev[7],
            'bmAttributes': '%02x' % config[7], 'bMaxPower': '%dmA' % (config[8] * 2),
            'idVendor': '%04x' % vid, 'idProduct': '%04x' % pid, 'bcdDevice': '%04x' % bcd,
            'version': ' %x.%02x' % (dev[3], dev[2]), 'maxchild': '0',
            'authorized': '1', 'removable': 'removable',
        }
        attrs.update(strings)
        props = [
            'DEVNAME', devnode, 'DEVTYPE', 'usb_device', 'DRIVER', 'usb',
            'PRODUCT', '%x/%x/%x' % (vid, pid, bcd),
            'TYPE', '%d/%d/%d' % (dev[4], dev[5], dev[6]),
            'BUSNUM', '%03d' % bus, 'DEVNUM', '%03d' % devnum,
            'MAJOR', str(USB_MAJOR), 'MINOR', str(minor),
        ]
        # umockdev's remove_device leaves /sys/dev/char/MAJOR:MINOR behind, and adding a device aborts
        # the whole bench when the link exists: clear it before a device number is used again.
        self._unlink(self._char_link(minor))
        # The ioctl socket and the node first: a host that hears of the device finds both.
        inst = Instance(devnum, None, devnode, dev + config, strings)
        inst.port_number = port.number
        inst.handler = UsbDevfsHandler(port, inst)
        self._attach_socket(devnode, inst.handler)
        node = os.path.join(self.testbed.get_root_dir(), devnode.lstrip('/'))
        os.makedirs(os.path.dirname(node), exist_ok=True)
        if os.path.lexists(node):
            os.unlink(node)
        if port.device.open_error() == 'EACCES':
            os.symlink(EACCES_TARGET, node)
        else:
            # A plain file stands for the node; the preload library routes
            # its ioctls to our handler.
            open(node, 'wb').close()
        # Then the sysfs entry with its descriptors, which umockdev announces ("add") as it makes it, as a kernel
        # announces a device once it has read it; its interfaces follow (a kernel configures them after the "add").
        inst.syspath = self._add_entry('usb%d/%s' % (bus, port.name), attrs, props, descriptors=dev + config)
        self._publish_interfaces(inst, port, config, names)
        return inst

    def _publish_interfaces(self, inst, port, config, names):
        """The kernel's interface entries (1-2:1.0) of the configuration, each at alt setting 0: programs read an
        interface's name (`interface`) there instead of asking the device."""
        inst.names = names
        inst.interfaces = {}
        for interface in Port._interface_descriptors(config):
            number, alt = interface[2], interface[3]
            if alt != 0 or number in inst.interfaces:
                continue
            attrs = {'bInterfaceNumber': '%02x' % number, 'bAlternateSetting': ' 0',
                     'bNumEndpoints': '%02x' % interface[4], 'bInterfaceClass': '%02x' % interface[5],
                     'bInterfaceSubClass': '%02x' % interface[6], 'bInterfaceProtocol': '%02x' % interface[7]}
            if (number, 0) in names:
                attrs['interface'] = names[(number, 0)]
            props = ['DEVTYPE', 'usb_interface', 'INTERFACE', '%d/%d/%d' % tuple(interface[5:8])]
            inst.interfaces[number] = self._add_entry(
                'usb%d/%s/%s:%d.%d' % (self.busnum, port.name, port.name, config[5], number), attrs, props)

    def _add_entry(self, devpath, attrs, props, descriptors=None, subsystem='usb', links=None):
        """Makes /sys/devices/DEVPATH (attributes a dict, properties an alternating list, links a dict of relative
        targets) and announces it. umockdev's add_device announces a device before any binary attribute can be
        written: libusb then read no descriptors. A device description with them (umockdev-record's format) is
        announced only once it is complete."""
        description = ['P: /devices/%s' % devpath, 'E: SUBSYSTEM=%s' % subsystem]
        description += ['E: %s=%s' % (props[i], props[i + 1]) for i in range(0, len(props), 2)]
        description += ['A: %s=%s' % (name, _escaped(value + '\n')) for name, value in attrs.items()]
        description += ['L: %s=%s' % (name, target) for name, target in (links or {}).items()]
        if descriptors is not None:
            description.append('H: descriptors=%s' % bytes(descriptors).hex())
        self.testbed.add_from_string('\n'.join(description) + '\n')
        return '/sys/devices/' + devpath

    def show_alt(self, inst, number, alt):
        syspath = inst.interfaces.get(number)
        if syspath is None:
            return
        self.testbed.set_attribute(syspath, 'bAlternateSetting', '%2d\n' % alt)
        name = inst.names.get((number, alt))
        if name is not None:
            self.testbed.set_attribute(syspath, 'interface', name + '\n')
        else:
            self._unlink(os.path.join(self.testbed.get_root_dir(), syspath.lstrip('/'), 'interface'))

    def unpublish(self, inst, remove_event_delay_ms=0):
        # Drivers let go of it first: its ttys go at once (a kernel's cdc_acm hangs them up at the disconnect).
        self.acm.unbind(inst)
        # The ioctl socket stays: open handles keep talking to the (dead)
        # instance and get ENODEV, as from the kernel. Its file goes right
        # after the node (_retire_socket says why not at once, and not later).
        self._unlink(os.path.join(self.testbed.get_root_dir(), inst.devnode.lstrip('/')))
        self._retire_socket(inst.devnode)

        def announce():
            # The device number and the port stay taken until then: a new device must not reuse the sysfs entry.
            self.testbed.uevent(inst.syspath, 'remove')
            for syspath in inst.interfaces.values():
                self.testbed.remove_device(syspath)
            self.testbed.remove_device(inst.syspath)
            self._unlink(self._char_link((self.busnum - 1) * 128 + inst.devnum - 1))
            self.used.discard(inst.devnum)
            self.leaving.discard(number)
            return False
        number = inst.port_number
        if remove_event_delay_ms > 0:
            # The node is gone at once (opening it fails), but hotplug hears of it only later.
            self.leaving.add(number)
            GLib.timeout_add(int(remove_event_delay_ms), locked(announce))
        else:
            announce()

    def _attach_socket(self, devnode, handler):
        """Gives the node a socket of its own, for `handler`: the one of a device that had the node before goes, and
        its retirement with it (whose timer would remove the new socket's file, which has the old one's path)."""
        timer = self.retiring.pop(devnode, None)
        if timer is not None:
            GLib.source_remove(timer)
        if devnode in self.sockets:       # a node used again: a device number after wrapping, a tty's number
            self.testbed.detach_ioctl(devnode)
        self.testbed.attach_ioctl(devnode, handler)
        self.sockets.add(devnode)

    def _retire_socket(self, devnode, grace_ms=SOCKET_GRACE_MS):
        """Removes the node's socket file `grace_ms` after the node. umockdev's preload opens a node that is in the
        testbed, then connects to its socket, and exits the host's process when that connect fails: a socket removed
        between the two ended a test JVM that opened a board as it left ("Failed to connect to ioctl socket"). A host
        that opened the node has the grace to connect. Not longer than needed: the preload also connects (and never
        closes) a socket for an open of a node that is gone, and its table of such connections holds 50 (a tty's
        node, which stays, is kept from that: umockdev_fixes.c's gone_tty)."""
        socket = self._ioctl_socket(devnode)

        def remove():
            self.retiring.pop(devnode, None)
            self._unlink(socket)
            return False
        if os.path.lexists(socket) and devnode not in self.retiring:
            self.retiring[devnode] = GLib.timeout_add(grace_ms, locked(remove))

    def _ioctl_socket(self, devnode):
        return os.path.join(self.testbed.get_root_dir(), 'ioctl', devnode.lstrip('/'))
