"""ST DfuSe extensions (bcdDFUVersion 0x011A), as dfu-util's `-s` uses them.

DNLOAD with wValue 0 carries a command (set address pointer, erase, mass
erase, read unprotect); wValue >= 2 carries data for
address = pointer + (wValue - 2) * wTransferSize; a zero-length DNLOAD asks
the device to leave DFU mode. UPLOAD with wValue 0 lists the commands.
"""
import re
import struct

from .memory import MemoryError_

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


ERR_TARGET = 1      # DFU status errTARGET: command not supported


class Addressing:
    """The DfuSe data path of one device: the address pointer, commands, and
    block numbers mapped to addresses in an alt's memory (memory.FlashImage)."""

    def __init__(self, transfer_size):
        self.transfer_size = transfer_size
        self.pointer = 0

    def block_address(self, w_value):
        return self.pointer + (w_value - 2) * self.transfer_size

    def dnload(self, w_value, data, image, layout):
        """One non-empty DNLOAD; returns a DFU status (0 = OK). Raises
        MemoryError_ for addresses outside the memory."""
        if w_value == 1:
            return ERR_TARGET
        if w_value >= 2:
            image.write(self.block_address(w_value), data)
            return 0
        cmd, address = parse_command(data)
        if cmd == CMD_SET_ADDRESS and address is not None:
            self.pointer = address
        elif cmd == CMD_ERASE and address is None:
            image.erase(image.base, image.size)
        elif cmd == CMD_ERASE:
            page = layout.page(address)
            if page is None:
                raise MemoryError_('erase at 0x%08x outside the layout' % address)
            image.erase(*page)
        elif cmd != CMD_READ_UNPROTECT:
            return ERR_TARGET
        return 0

    def upload(self, w_value, length, image):
        """UPLOAD reply bytes, or None for errTARGET. Raises MemoryError_."""
        if w_value == 0:
            return SUPPORTED_COMMANDS[:length]
        if w_value == 1:
            return None
        return image.read(self.block_address(w_value), length)
