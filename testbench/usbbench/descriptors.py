"""Builders for standard USB descriptors and the DFU functional descriptor.

Everything is little-endian bytes exactly as a device would send them, so the
same bytes feed both the control-transfer replies and the sysfs `descriptors`
file that libusb reads.
"""
import struct

DT_DEVICE, DT_CONFIG, DT_STRING, DT_INTERFACE, DT_ENDPOINT = 1, 2, 3, 4, 5
DT_INTERFACE_ASSOCIATION = 0x0b
DT_DFU_FUNCTIONAL = 0x21


def device(vid, pid, bcd_device, i_manufacturer, i_product, i_serial,
           bcd_usb=0x0200, cls=0, subcls=0, proto=0, max_packet0=64,
           num_configs=1):
    return struct.pack('<BBHBBBBHHHBBBB', 18, DT_DEVICE, bcd_usb, cls, subcls,
                       proto, max_packet0, vid, pid, bcd_device,
                       i_manufacturer, i_product, i_serial, num_configs)


def interface(number, alt, num_endpoints, cls, subcls, proto, i_interface):
    return struct.pack('<BBBBBBBBB', 9, DT_INTERFACE, number, alt,
                       num_endpoints, cls, subcls, proto, i_interface)


def association(first_interface, count, cls, subcls, proto, i_function):
    """Interface association descriptor (USB 2.0 ECN): groups `count` interfaces into one function."""
    return struct.pack('<BBBBBBBB', 8, DT_INTERFACE_ASSOCIATION, first_interface, count, cls,
                       subcls, proto, i_function)


def endpoint(address, attributes, max_packet, interval):
    return struct.pack('<BBBBHB', 7, DT_ENDPOINT, address, attributes,
                       max_packet, interval)


def configuration(body, num_interfaces, value=1, i_configuration=0,
                  attributes=0x80, max_power=50):
    """`body` is every interface/endpoint/class descriptor after the header."""
    return struct.pack('<BBHBBBBB', 9, DT_CONFIG, 9 + len(body),
                       num_interfaces, value, i_configuration, attributes,
                       max_power) + body


def dfu_functional(attributes, detach_timeout, transfer_size, version):
    """DFU 1.1 (9 bytes) or, with version None, the 7-byte DFU 1.0 form."""
    if version is None:
        return struct.pack('<BBBHH', 7, DT_DFU_FUNCTIONAL, attributes,
                           detach_timeout, transfer_size)
    return struct.pack('<BBBHHH', 9, DT_DFU_FUNCTIONAL, attributes,
                       detach_timeout, transfer_size, version)


def string(text):
    data = text.encode('utf-16-le')
    return bytes([2 + len(data), DT_STRING]) + data


def langids(*ids):
    return bytes([2 + 2 * len(ids), DT_STRING]) + b''.join(
        struct.pack('<H', i) for i in ids)


class StringTable:
    """Assigns string indices in order of first use; index 0 means none."""

    def __init__(self):
        self.strings = {}
        self._index = {}

    def add(self, text):
        if text is None or text == '':
            return 0
        if text not in self._index:
            self._index[text] = len(self.strings) + 1
            self.strings[self._index[text]] = text
        return self._index[text]
