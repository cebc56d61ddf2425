"""Bridge to an external device process (--device-cmd), see PROTOCOL.md.

The process speaks framed messages on stdin/stdout. Requests from the bench
are strictly answered in order; DISCONNECT/CONNECT may arrive at any time
and are acted on once the transfer in progress is finished.
"""
import os
import select
import signal
import struct
import subprocess
import sys

from gi.repository import GLib

from . import child
from .mainlock import locked
from .usb_device import NAK, STALL

HEADER = struct.Struct('<BBHI')
SETUP, RESET, OUT, IN, BYE = 0x01, 0x02, 0x03, 0x04, 0x05
DATA, STALLED, NAKED = 0x81, 0x82, 0x83
DISCONNECT, CONNECT = 0x90, 0x91
REPLY_TIMEOUT = 5.0


class DeviceGone(Exception):
    pass


class ExternalDevice:
    def __init__(self, command, host, env=None):
        self.host = host
        self.name = command
        # The device process is not a USB host: `env` keeps umockdev's preload
        # away. Its own process group lets close() stop everything the shell
        # started; the death signal covers a bench killed without clean-up.
        self.proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0,
                                     env=env if env is not None else child.environment(),
                                     start_new_session=True,
                                     preexec_fn=child.die_with_parent(signal.SIGKILL))
        self.rfd = self.proc.stdout.fileno()
        self.buf = bytearray()
        self.events = []
        self.dead = False
        self.watch = GLib.io_add_watch(self.rfd, GLib.PRIORITY_DEFAULT,
                                       GLib.IO_IN | GLib.IO_HUP | GLib.IO_ERR, self._readable)

    # ---- framing ----------------------------------------------------------
    def _send(self, kind, ep=0, payload=b''):
        if self.dead:
            raise DeviceGone()
        try:
            self.proc.stdin.write(HEADER.pack(kind, ep, 0, len(payload)) + payload)
        except (BrokenPipeError, OSError):
            self._died()
            raise DeviceGone()

    def _frame(self):
        """A complete frame from the buffer, or None."""
        if len(self.buf) < HEADER.size:
            return None
        kind, ep, _res, length = HEADER.unpack_from(self.buf)
        if len(self.buf) < HEADER.size + length:
            return None
        payload = bytes(self.buf[HEADER.size:HEADER.size + length])
        del self.buf[:HEADER.size + length]
        return kind, ep, payload

    def _fill(self, timeout):
        ready, _, _ = select.select([self.rfd], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.rfd, 65536)
        if not chunk:
            self._died()
            raise DeviceGone()
        self.buf.extend(chunk)
        return True

    def _reply(self):
        """Wait for the answer to the request just sent."""
        while True:
            frame = self._frame()
            if frame is None:
                if not self._fill(REPLY_TIMEOUT):
                    self._timed_out()
                    raise DeviceGone()
                continue
            kind, _ep, payload = frame
            if kind in (DISCONNECT, CONNECT):
                self.events.append(kind)
                continue
            # Frames already read past the answer can only be asynchronous
            # ones; the fd will not wake the main loop for them again.
            self._take_async_frames()
            if self.events:
                GLib.idle_add(self._handle_events)
            if kind == DATA:
                return payload
            if kind == STALLED:
                return STALL
            if kind == NAKED:
                return NAK
            self.host.log('protocol-error', kind=kind)
            raise DeviceGone()

    def _take_async_frames(self):
        while True:
            frame = self._frame()
            if frame is None:
                return
            if frame[0] in (DISCONNECT, CONNECT):
                self.events.append(frame[0])
            else:
                self.host.log('protocol-error', kind=frame[0], note='unsolicited')

    @locked
    def _readable(self, *_):
        try:
            if not self._fill(0):
                return True
        except DeviceGone:
            self.watch = None
            return False
        self._take_async_frames()
        self._handle_events()
        return True

    @locked
    def _handle_events(self):
        while self.events:
            kind = self.events.pop(0)
            if kind == DISCONNECT:
                self.host.device_disconnect()
            else:
                self.host.device_connect()
        return False

    def _died(self, event='device-exited'):
        if not self.dead:
            self.dead = True
            self.host.log(event)
            GLib.idle_add(locked(lambda: self.host.device_disconnect() and False))

    def _timed_out(self):
        """No answer in time: the device counts as gone (and is stopped), so
        later requests fail at once instead of each waiting again."""
        sys.stderr.write('usbsim: device process on port %s (%s) did not answer within %g s; '
                         'disconnected\n' % (self.host.name, self.name, REPLY_TIMEOUT))
        self._died('device-timeout')
        self._kill_group(signal.SIGKILL)

    def _kill_group(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    # ---- device interface used by the port -------------------------------------
    def bus_reset(self, connect=False):
        try:
            self._send(RESET)
            self._reply()
        except DeviceGone:
            pass

    def control(self, setup, data):
        try:
            self._send(SETUP, 0, setup.raw + bytes(data))
            reply = self._reply()
        except DeviceGone:
            return None
        if isinstance(reply, bytes):
            return reply[:setup.wLength] if setup.is_in else b''
        return STALL if reply is NAK else reply     # control endpoints never NAK here

    def data_out(self, ep, data):
        try:
            self._send(OUT, ep, bytes(data))
            return self._reply()
        except DeviceGone:
            return None

    def data_in(self, ep, length):
        try:
            self._send(IN, ep, struct.pack('<I', length))
            return self._reply()
        except DeviceGone:
            return None

    def open_error(self):
        return None

    def reconnect_delay(self):
        return 0

    def close(self):
        if self.watch:
            GLib.source_remove(self.watch)
            self.watch = None
        try:
            self._send(BYE)
            self.proc.stdin.close()
        except (DeviceGone, OSError):
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._kill_group(signal.SIGTERM)
            try:
                self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
        # Whatever the device process left running in its group goes too.
        self._kill_group(signal.SIGKILL)
        self.proc.wait()
