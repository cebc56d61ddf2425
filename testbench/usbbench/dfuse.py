"""ST DfuSe extensions (bcdDFUVersion 0x011A), as dfu-util's `-s` uses them.

DNLOAD with wValue 0 carries a command (set address pointer, erase, mass
erase, read unprotect); wValue >= 2 carries data for
address = pointer + (wValue - 2) * wTransferSize; a zero-length DNLOAD asks
the device to leave DFU mode. UPLOAD with wValue 0 lists the commands.
"""
import re
import struct

DFUSE_VERSION = 0x011a
CMD_GET, CMD_SET_ADDRESS, CMD_ERASE, CMD_READ_UNPROTECT = 0x00, 0x21, 0x41, 0x92
SUPPORTED_COMMANDS = bytes([CMD_GET, CMD_SET_ADDRESS, CMD_ERASE, CMD_READ_UNPROTECT])

_UNITS = {'B': 1, 'K': 1024, 'M': 1024 * 1024, ' ': 1, '': 1}


class Layout:
    """Memory layout from an alt name such as
    "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"."""

    def __init__(self, name):
        self.segments = []          # (start, end_exclusive, page_size)
        parts = name.split('/')
        i = 1
        while i + 1 < len(parts):
            try:
                address = int(parts[i].strip(), 16)
            except ValueError:
                break
            for sector in parts[i + 1].split(','):
                m = re.match(r'\s*(\d+)\*(\d+)\s*([BKM ]?)(.?)', sector)
                if not m:
                    continue
                count, size = int(m.group(1)), int(m.group(2)) * _UNITS[m.group(3)]
                for _ in range(count):
                    self.segments.append((address, address + size, size))
                    address += size
            i += 2

    @property
    def valid(self):
        return bool(self.segments)

    @property
    def base(self):
        return self.segments[0][0]

    @property
    def size(self):
        return self.segments[-1][1] - self.base

    def page(self, address):
        """(page start, page size) for an address, or None outside the layout."""
        for start, end, size in self.segments:
            if start <= address < end:
                return start, size
        return None


def parse_command(payload):
    """Decode a wValue 0 DNLOAD: (command, address or None)."""
    if not payload:
        return None, None
    cmd = payload[0]
    address = struct.unpack('<I', payload[1:5])[0] if len(payload) >= 5 else None
    return cmd, address
