"""Kernel side of /dev/bus/usb/BBB/DDD: answers usbdevfs ioctls for one
enumerated device instance through umockdev's live ioctl socket.

Control transfers are completed inside SUBMITURB: umockdev device nodes are
plain files, so poll() never reports an error and a transfer left pending
when the device vanishes would hang until its timeout. Completed URBs stay
reapable after a disconnect, as the kernel keeps them.
"""
import collections
import errno
import struct
import sys
import traceback

import gi
gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

from .mainlock import locked  # noqa: E402
from .usb_device import NAK, SET_CONFIGURATION, SET_INTERFACE, STALL, Setup  # noqa: E402

# ioctl numbers from <linux/usbdevice_fs.h> (x86-64 / any 64-bit ABI).
CONTROL = 0xc0185500
SETINTERFACE = 0x80085504
SETCONFIGURATION = 0x80045505
GETDRIVER = 0x41045508
SUBMITURB = 0x8038550a
DISCARDURB = 0x550b
REAPURB = 0x4008550c
REAPURBNDELAY = 0x4008550d
CLAIMINTERFACE = 0x8004550f
RELEASEINTERFACE = 0x80045510
CONNECTINFO = 0x40085511
IOCTL = 0xc0105512
RESET = 0x5514
CLEAR_HALT = 0x80045515
GET_CAPABILITIES = 0x8004551a
DISCONNECT_CLAIM = 0x8108551b
GET_SPEED = 0x551f

URB_TYPE_ISO, URB_TYPE_INTERRUPT, URB_TYPE_CONTROL, URB_TYPE_BULK = 0, 1, 2, 3
URB_SIZE = 56
# ZERO_PACKET | BULK_CONTINUATION | NO_PACKET_SIZE_LIM | REAP_AFTER_DISCONNECT
CAPABILITIES = 0x01 | 0x02 | 0x04 | 0x10
SPEED_CODES = {'full': 2, 'high': 3}


def _u32(value):
    return list(struct.pack('<I', value & 0xffffffff))


class UsbDevfsHandler(UMockdev.IoctlBase):
    def __init__(self, port, instance):
        super().__init__()
        self.port = port
        self.instance = instance
        self.completed = collections.defaultdict(collections.deque)   # client -> URBs
        self.pending_in = collections.defaultdict(list)               # NAKed IN URBs
        self.connect('handle-ioctl', self._on_ioctl)

    @property
    def alive(self):
        return self.instance.alive

    @locked
    def _on_ioctl(self, _base, client):
        try:
            result, err = self._dispatch(client, client.get_request(), client.get_arg())
        except Exception:           # never leave the client hanging
            traceback.print_exc(file=sys.stderr)
            result, err = -1, errno.EIO
        client.complete(result, err)
        return True

    def _dispatch(self, client, req, arg):
        if req in (REAPURB, REAPURBNDELAY):
            return self._reap(client, arg)
        if not self.alive:
            return -1, errno.ENODEV
        if req == SUBMITURB:
            return self._submit(client, arg)
        if req == CONTROL:
            return self._sync_control(arg)
        if req == GET_CAPABILITIES:
            arg.resolve(0, 4).update(0, _u32(CAPABILITIES))
            return 0, 0
        if req in (CLAIMINTERFACE, RELEASEINTERFACE, DISCONNECT_CLAIM):
            number = struct.unpack('<I', bytes(arg.resolve(0, 4).retrieve()))[0]
            if number not in self.port.interfaces():
                return -1, errno.ENOENT
            # Logged so that tests can prove every claim is released.
            self.port.log('release' if req == RELEASEINTERFACE else 'claim', interface=number,
                          devnum=self.instance.devnum)
            return 0, 0
        if req == SETINTERFACE:
            number, alt = struct.unpack('<II', bytes(arg.resolve(0, 8).retrieve()))
            reply = self.port.control(Setup.make(0x01, SET_INTERFACE, alt, number, 0), b'')
            if reply is STALL:
                return -1, errno.EINVAL
            self.port.interface_selected(number, alt)
            return 0, 0
        if req == SETCONFIGURATION:
            value = struct.unpack('<i', bytes(arg.resolve(0, 4).retrieve()))[0]
            reply = self.port.control(Setup.make(0x00, SET_CONFIGURATION, max(value, 0), 0, 0), b'')
            return (0, 0) if reply is not STALL else (-1, errno.EPIPE)
        if req == RESET:
            return self.port.host_reset()
        if req == CLEAR_HALT:
            return 0, 0
        if req == DISCARDURB:
            return -1, errno.EINVAL     # everything completes at once
        if req == CONNECTINFO:
            arg.resolve(0, 8).update(0, _u32(self.instance.devnum) + [0, 0, 0, 0])
            return 0, 0
        if req == GET_SPEED:
            return SPEED_CODES.get(self.port.speed, 3), 0
        if req in (GETDRIVER, IOCTL):
            return -1, errno.ENODATA    # no kernel driver is ever bound
        return -1, errno.ENOTTY

    def _submit(self, client, arg):
        urb = arg.resolve(0, URB_SIZE)
        kind, ep, _status, _flags, _buf, length = struct.unpack_from(
            '<BBxxiI4xQi', bytes(urb.retrieve()))
        buf = urb.resolve(16, length) if length > 0 else None
        data = bytes(buf.retrieve()) if buf is not None else b''
        if kind == URB_TYPE_CONTROL:
            if length < 8:
                return -1, errno.EINVAL
            w_length = struct.unpack_from('<H', data, 6)[0]
            is_in = bool(data[0] & 0x80)
            reply = self.port.control(data[:8], b'' if is_in else data[8:8 + w_length])
            if not isinstance(reply, (bytes, bytearray)):
                self._finish(urb, None, 0, reply)
            elif is_in:
                self._finish(urb, (buf, 8, reply), len(reply), 0)
            else:
                self._finish(urb, None, w_length, 0)
        elif kind in (URB_TYPE_BULK, URB_TYPE_INTERRUPT):
            if ep & 0x80:
                reply = self.port.data_in(ep, length)
                if reply is NAK:
                    self.pending_in[client].append((urb, buf, ep, length))
                    return 0, 0
                if isinstance(reply, (bytes, bytearray)):
                    self._finish(urb, (buf, 0, reply[:length]), min(len(reply), length), 0)
                else:
                    self._finish(urb, None, 0, reply)
            else:
                reply = self.port.data_out(ep, data)
                self._finish(urb, None, len(data) if isinstance(reply, (bytes, bytearray)) else 0,
                             reply if not isinstance(reply, (bytes, bytearray)) else 0)
        else:
            return -1, errno.EINVAL     # isochronous transfers are not simulated
        self.completed[client].append(urb)
        return 0, 0

    @staticmethod
    def _finish(urb, payload, actual, outcome):
        """Write status/actual_length (and IN data) back into the client's URB."""
        if outcome is STALL:
            status = -errno.EPIPE
        elif outcome == 0:
            status = 0
        else:
            status = -errno.EPROTO      # device left the bus mid-transfer
        if payload is not None and payload[2]:
            buf, offset, reply = payload
            buf.update(offset, list(reply))
        urb.update(4, _u32(status))
        urb.update(28, _u32(actual))

    def _retry_pending(self, client):
        still = []
        for urb, buf, ep, length in self.pending_in.get(client, []):
            reply = self.port.data_in(ep, length) if self.alive else None
            if reply is NAK:
                still.append((urb, buf, ep, length))
                continue
            if isinstance(reply, (bytes, bytearray)):
                self._finish(urb, (buf, 0, reply[:length]), min(len(reply), length), 0)
            else:
                self._finish(urb, None, 0, reply if reply is STALL else -1)
            self.completed[client].append(urb)
        self.pending_in[client] = still

    def _reap(self, client, arg):
        if self.pending_in.get(client):
            self._retry_pending(client)
        queue = self.completed.get(client)
        if queue:
            urb = queue.popleft()
            arg.resolve(0, 8).set_ptr(0, urb)
            return 0, 0
        if not self.alive:
            return -1, errno.ENODEV
        return -1, errno.EAGAIN

    def _sync_control(self, arg):
        ctl = arg.resolve(0, 24)
        bm, req, value, index, length = struct.unpack_from('<BBHHH', bytes(ctl.retrieve()))
        setup = Setup.make(bm, req, value, index, length)
        buf = ctl.resolve(16, length) if length else None
        out = b'' if (bm & 0x80 or buf is None) else bytes(buf.retrieve())
        reply = self.port.control(setup, out)
        if reply is STALL:
            return -1, errno.EPIPE
        if not isinstance(reply, (bytes, bytearray)):
            return -1, errno.EPROTO
        if bm & 0x80:
            if reply:
                buf.update(0, list(reply))
            return len(reply), 0
        return length, 0
