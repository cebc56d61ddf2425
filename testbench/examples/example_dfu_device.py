#!/usr/bin/python3
"""Example external device process for `usbsim --device-cmd` (PROTOCOL.md).

A minimal DFU 1.1 device with its own little USB stack, independent of the
bench's code: run-time mode with bitWillDetach, so on DETACH it leaves the
bus (DISCONNECT) and comes back in DFU mode (CONNECT); downloads land in the
file named on the command line; a bus reset after a completed download returns to run-time.

    usbsim --device-cmd 'examples/example_dfu_device.py OUT.bin' -- dfu-util -l
"""
import struct
import sys

HEADER = struct.Struct('<BBHI')
SETUP, RESET, OUT, IN, BYE = 0x01, 0x02, 0x03, 0x04, 0x05
DATA, STALL, NAK, DISCONNECT, CONNECT = 0x81, 0x82, 0x83, 0x90, 0x91

VID, PID = 0x1209, 0x0003
DETACH, DNLOAD, UPLOAD, GETSTATUS, CLRSTATUS, GETSTATE, ABORT = range(7)
APP_IDLE, DFU_IDLE, DNLOAD_IDLE, MANIFEST_SYNC, DNLOAD_SYNC, UPLOAD_IDLE, DFU_ERROR = 0, 2, 5, 6, 3, 9, 10
TRANSFER_SIZE = 1024


def string_desc(text):
    raw = text.encode('utf-16-le')
    return bytes([2 + len(raw), 3]) + raw


def descriptors(dfu_mode):
    strings = ['Example', 'External DFU device', 'EXT0001',
               'Firmware' if dfu_mode else 'DFU runtime']
    device = struct.pack('<BBHBBBBHHHBBBB', 18, 1, 0x0200, 0, 0, 0, 64, VID, PID,
                         0x0200 if dfu_mode else 0x0100, 1, 2, 3, 1)
    interface = struct.pack('<BBBBBBBBB', 9, 4, 0, 0, 0, 0xfe, 1, 2 if dfu_mode else 1, 4)
    # CanDnload | CanUpload | ManifestationTolerant | WillDetach
    functional = struct.pack('<BBBHHH', 9, 0x21, 0x0f, 1000, TRANSFER_SIZE, 0x0110)
    body = interface + functional
    config = struct.pack('<BBHBBBBB', 9, 2, 9 + len(body), 1, 1, 0, 0x80, 50) + body
    return device, config, strings


class Device:
    def __init__(self, out_path):
        self.out_path = out_path
        self.dfu_mode = False
        self.state = APP_IDLE
        self.image = bytearray()
        self.upload_pos = 0
        self.config = 0
        self.manifested = False

    def send(self, kind, payload=b''):
        sys.stdout.buffer.write(HEADER.pack(kind, 0, 0, len(payload)) + payload)
        sys.stdout.buffer.flush()

    def setup(self, packet, data):
        bm, req, value, index, length = struct.unpack('<BBHHH', packet)
        device, config, strings = descriptors(self.dfu_mode)
        if bm & 0x60 == 0:                       # standard request
            if req == 6:                          # GET_DESCRIPTOR
                kind, i = value >> 8, value & 0xff
                if kind == 1:
                    return device[:length]
                if kind == 2:
                    return config[:length]
                if kind == 3 and i == 0:
                    return b'\x04\x03\x09\x04'[:length]
                if kind == 3 and i <= len(strings):
                    return string_desc(strings[i - 1])[:length]
                return None
            if req == 8:
                return bytes([self.config])
            if req == 9:
                self.config = value
                return b''
            if req in (5, 11, 1, 3):              # SET_ADDRESS, SET_INTERFACE, features
                return b''
            if req == 0:
                return b'\0\0'[:length]
            return None
        if bm & 0x60 != 0x20:                     # only DFU class requests from here on
            return None
        if req == GETSTATUS:
            if self.state == DNLOAD_SYNC:
                self.state = DNLOAD_IDLE
            elif self.state == MANIFEST_SYNC:
                with open(self.out_path, 'wb') as f:
                    f.write(self.image)
                self.state = DFU_IDLE
                self.manifested = True
            return bytes([0, 0, 0, 0, self.state, 0])[:length]
        if req == GETSTATE:
            return bytes([self.state])[:length]
        if not self.dfu_mode:
            if req == DETACH:
                # bitWillDetach: acknowledge, then leave and return in DFU mode.
                self.pending_detach = True
                return b''
            return None
        if req == DNLOAD:
            if length == 0:
                self.state = MANIFEST_SYNC
                return b''
            if self.state == DFU_IDLE:
                self.image = bytearray()
            self.image += data
            self.state = DNLOAD_SYNC
            return b''
        if req == UPLOAD:
            if self.state == DFU_IDLE:
                self.upload_pos = 0
            chunk = bytes(self.image[self.upload_pos:self.upload_pos + length])
            self.upload_pos += len(chunk)
            self.state = DFU_IDLE if len(chunk) < length else UPLOAD_IDLE
            return chunk
        if req in (CLRSTATUS, ABORT):
            self.state = DFU_IDLE
            return b''
        return None

    def run(self):
        stdin = sys.stdin.buffer
        while True:
            header = stdin.read(HEADER.size)
            if len(header) < HEADER.size:
                return
            kind, ep, _res, length = HEADER.unpack(header)
            payload = stdin.read(length)
            self.pending_detach = False
            if kind == BYE:
                return
            if kind == RESET:
                # Every enumeration starts with a reset; only after a completed
                # download does a reset start the (new) firmware.
                if self.dfu_mode and self.manifested:
                    self.dfu_mode, self.state, self.manifested = False, APP_IDLE, False
                self.send(DATA)
            elif kind == SETUP:
                reply = self.setup(payload[:8], payload[8:])
                self.send(STALL) if reply is None else self.send(DATA, reply)
                if self.pending_detach:
                    self.send(DISCONNECT)
                    self.dfu_mode, self.state = True, DFU_IDLE
                    self.send(CONNECT)
            else:                                 # no other endpoints
                self.send(STALL)


if __name__ == '__main__':
    Device(sys.argv[1] if len(sys.argv) > 1 else '/dev/null').run()
