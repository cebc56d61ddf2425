"""Device memory of one DFU alt setting, mirrored byte-exact into a file.

The output file holds the memory from the alt's base address up to the
highest byte written so far, so a test can compare it with what the host sent.
It is created (or truncated) only by the first download: attaching a device
must not destroy the result of an earlier session.
"""
import os

ERASED = 0xff


class MemoryError_(Exception):
    """Access outside the memory (reported to the host as errADDRESS)."""


class FlashImage:
    def __init__(self, path, base, size, initial=None):
        self.path = path
        self.base = base
        self.size = size
        self.data = bytearray()
        self.fd = None
        if initial:
            self._check(base, len(initial))
            self.data[:] = initial

    def _file(self):
        """The output fd, opened at the first change; None without a file."""
        if self.fd is None and self.path:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
            os.pwrite(self.fd, bytes(self.data), 0)
        return self.fd

    def _check(self, address, length):
        off = address - self.base
        if off < 0 or off + length > self.size:
            raise MemoryError_('0x%08x+%d outside 0x%08x+%d' % (address, length, self.base, self.size))
        return off

    def truncate(self):
        """Start of a plain DFU download: the new image replaces the old one."""
        self.data = bytearray()
        if self._file() is not None:
            os.ftruncate(self.fd, 0)

    def write(self, address, chunk):
        off = self._check(address, len(chunk))
        old_len = len(self.data)
        if off > old_len:
            self.data.extend(bytes([ERASED]) * (off - old_len))
        self.data[off:off + len(chunk)] = chunk
        if self._file() is not None:
            start = min(off, old_len)       # fill a gap with erased bytes too
            os.pwrite(self.fd, bytes(self.data[start:off + len(chunk)]), start)

    def erase(self, address, length):
        off = self._check(address, 0)
        end = min(off + length, len(self.data))
        if end > off:
            self.data[off:end] = bytes([ERASED]) * (end - off)
            if self._file() is not None:
                os.pwrite(self.fd, bytes(self.data[off:end]), off)

    def read(self, address, length):
        off = address - self.base
        if off < 0 or off >= self.size:
            raise MemoryError_('read at 0x%08x outside memory' % address)
        length = min(length, self.size - off)
        chunk = bytes(self.data[off:off + length])
        return chunk + bytes([ERASED]) * (length - len(chunk))

    def image(self):
        return bytes(self.data)

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
