"""The board's side of a CDC ACM serial port (a spec's runtime.interfaces[].serial_port).

It answers the CDC class requests a host's driver sends to the control interface (SET/GET_LINE_CODING,
SET_CONTROL_LINE_STATE, SEND_BREAK), keeps the line coding and the DTR/RTS lines, and plays a sketch: while DTR is
up it prints its lines every `every_ms` (a banner first), and it answers each line it receives with "echo: LINE".
Its output goes to the host only while DTR is up, as an Arduino-style `while (!Serial)` sketch writes; the host's
driver polls the bulk IN endpoint only while the port is open anyway.
"""
import struct

from .usb_device import STALL

SET_LINE_CODING, GET_LINE_CODING, SET_CONTROL_LINE_STATE, SEND_BREAK = 0x20, 0x21, 0x22, 0x23
DTR, RTS = 1, 2
TOUCH_RATE = 1200
# The sketch prints its first output this long after DTR rises. A tty echoes what it receives until its opener sets
# raw mode, and echoed output reaches an echoing board as input: a real host sets its termios within a millisecond of
# open(), but an open under umockdev takes longer (it connects to the bench's ioctl socket), and a banner sent at once
# could come back from the tty's echo.
SETTLE_MS = 100
LINE_CODING = struct.Struct('<IBBB')    # dwDTERate, bCharFormat, bParityType, bDataBits
DEFAULT_LINE_CODING = (9600, 0, 0, 8)


class SerialFunction:
    def __init__(self, settings, control_interface, ep_in, ep_out, host, touched):
        self.settings = settings
        self.interface = control_interface
        self.ep_in, self.ep_out = ep_in, ep_out
        self.host = host
        self.touched = touched          # called when the host makes the 1200-baud touch
        self.timer = None
        self.reset()

    def reset(self):
        """Power-on state: a USB reset or a reboot starts the sketch again."""
        self._stop()
        self.line_coding = DEFAULT_LINE_CODING
        self.lines = 0                  # control line state (DTR | RTS) the host set last
        self.printed = 0                # `lines` printed since the sketch started: %(n)d of the last one
        self.received = b''

    @property
    def dtr(self):
        return bool(self.lines & DTR)

    def control(self, s, data):
        if s.bRequest == SET_LINE_CODING and not s.is_in and len(data) >= LINE_CODING.size:
            self.line_coding = LINE_CODING.unpack_from(data)
            rate, stop, parity, bits = self.line_coding
            self.host.log('line-coding', interface=self.interface, rate=rate, stop_bits=stop, parity=parity,
                          data_bits=bits)
            self._check_touch()
            return b''
        if s.bRequest == GET_LINE_CODING and s.is_in:
            return LINE_CODING.pack(*self.line_coding)[:s.wLength]
        if s.bRequest == SET_CONTROL_LINE_STATE and not s.is_in:
            was_up, self.lines = self.dtr, s.wValue & (DTR | RTS)
            self.host.log('control-line-state', interface=self.interface, dtr=self.dtr, rts=bool(self.lines & RTS))
            if self.dtr and not was_up:
                self._start()
            elif was_up and not self.dtr:
                self._stop()
                self._check_touch()
            return b''
        if s.bRequest == SEND_BREAK and not s.is_in:
            return b''
        return STALL

    def _check_touch(self):
        """Arduino cores reboot into their bootloader when the line coding says 1200 baud while DTR is down: a host
        opened the port at 1200 baud and closed it (or set 1200 baud with DTR down)."""
        if self.line_coding[0] == TOUCH_RATE and not self.dtr:
            self.touched()

    def receive(self, data):
        """Bytes from the host (bulk OUT): each line, ended by CR or LF, is answered."""
        self.received += data
        while True:
            cut = min((i for i in (self.received.find(b'\r'), self.received.find(b'\n')) if i >= 0), default=-1)
            if cut < 0:
                break
            line, self.received = self.received[:cut], self.received[cut + 1:]
            if line and self.settings['echo']:
                self._send(b'echo: ' + line + b'\r\n')

    def _send(self, data):
        if self.dtr:
            self.host.bulk_in(self.ep_in, data)

    def _print(self, text):
        self._send((text % {'n': self.printed}).encode('utf-8') + b'\r\n')

    def _start(self):
        if self.timer is None:
            self.timer = self.host.call_later(SETTLE_MS, self._started)

    def _started(self):
        self.timer = None
        if self.settings['banner'] is not None:
            self._print(self.settings['banner'])
        if self.settings['every_ms'] is not None and self.settings['lines']:
            self.timer = self.host.call_later(self.settings['every_ms'], self._tick)
        return False

    def _tick(self):
        lines = self.settings['lines']
        self.printed += 1
        self._print(lines[(self.printed - 1) % len(lines)])
        return True     # a GLib timeout that repeats until _stop removes it

    def _stop(self):
        if self.timer is not None:
            self.host.cancel(self.timer)
            self.timer = None
