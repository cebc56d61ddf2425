"""Device-side USB plumbing shared by every simulated device.

A device is anything with `bus_reset`, `control`, `data_out` and `data_in`;
the bench (the "host controller and hub", see bus.py) drives it. This module
holds the reply sentinels and a base class answering the USB standard
requests from a set of descriptors, as a device's USB stack would.
"""
import struct

from . import descriptors as D


class _Sentinel:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


STALL = _Sentinel('STALL')   # the request is refused with a STALL handshake
NAK = _Sentinel('NAK')       # endpoint has nothing yet (bulk/interrupt only)

# bRequest values of the standard requests.
GET_STATUS, CLEAR_FEATURE, SET_FEATURE, SET_ADDRESS = 0, 1, 3, 5
GET_DESCRIPTOR, SET_DESCRIPTOR, GET_CONFIGURATION, SET_CONFIGURATION = 6, 7, 8, 9
GET_INTERFACE, SET_INTERFACE = 10, 11
DT_DEVICE_QUALIFIER = 6
LANG_EN_US = 0x0409


class Setup:
    """The 8-byte SETUP packet, decoded."""
    __slots__ = ('bmRequestType', 'bRequest', 'wValue', 'wIndex', 'wLength', 'raw')

    def __init__(self, raw):
        self.raw = bytes(raw[:8])
        (self.bmRequestType, self.bRequest, self.wValue, self.wIndex,
         self.wLength) = struct.unpack('<BBHHH', self.raw)

    @classmethod
    def make(cls, bm, req, value, index, length):
        return cls(struct.pack('<BBHHH', bm, req, value, index, length))

    @property
    def is_in(self):
        return bool(self.bmRequestType & 0x80)

    @property
    def type(self):
        return (self.bmRequestType >> 5) & 3    # 0 standard, 1 class, 2 vendor

    @property
    def recipient(self):
        return self.bmRequestType & 0x1f        # 0 device, 1 interface, 2 endpoint

    def as_dict(self):
        return {'bmRequestType': self.bmRequestType, 'bRequest': self.bRequest,
                'wValue': self.wValue, 'wIndex': self.wIndex, 'wLength': self.wLength}


class DescriptorSet:
    """What a device presents in one mode: device + one configuration + strings."""

    def __init__(self, device, config, strings, interfaces):
        self.device = device
        self.config = config
        self.strings = strings              # index -> text
        self.interfaces = interfaces        # interface number -> number of alt settings


class StandardDevice:
    """Answers chapter 9 standard requests from `self.descriptor_set()`."""

    string_errors = False

    def __init__(self):
        self.address = 0
        self.configuration = 0
        self.alt = {}

    # Hooks for subclasses.
    def descriptor_set(self):
        raise NotImplementedError

    def interface_selected(self, number, alt):
        pass

    def bus_reset(self, connect=False):
        self.address = 0
        self.configuration = 0
        self.alt = {}

    def data_out(self, ep, data):
        return STALL

    def data_in(self, ep, length):
        return STALL

    def standard_request(self, s, data):
        ds = self.descriptor_set()
        if s.bRequest == GET_DESCRIPTOR and s.is_in:
            kind, index = s.wValue >> 8, s.wValue & 0xff
            if kind == D.DT_DEVICE:
                return ds.device[:s.wLength]
            if kind == D.DT_CONFIG and index == 0:
                return ds.config[:s.wLength]
            if kind == D.DT_STRING:
                if index == 0:
                    return D.langids(LANG_EN_US)[:s.wLength]
                if self.string_errors or index not in ds.strings:
                    return STALL
                return D.string(ds.strings[index])[:s.wLength]
            if kind == DT_DEVICE_QUALIFIER and ds.device[2:4] >= b'\x00\x02':
                d = ds.device
                return (bytes([10, DT_DEVICE_QUALIFIER]) + d[2:8] + d[17:18] + b'\0')[:s.wLength]
            return STALL
        if s.bRequest == SET_ADDRESS and s.recipient == 0:
            self.address = s.wValue & 0x7f
            return b''
        if s.bRequest == SET_CONFIGURATION and s.recipient == 0:
            if s.wValue not in (0, ds.config[5]):
                return STALL
            self.configuration = s.wValue
            self.alt = {}
            return b''
        if s.bRequest == GET_CONFIGURATION and s.is_in:
            return bytes([self.configuration])[:s.wLength]
        if s.bRequest == GET_STATUS and s.is_in:
            self_powered = 1 if (s.recipient == 0 and ds.config[7] & 0x40) else 0
            return bytes([self_powered, 0])[:s.wLength]
        if s.bRequest == SET_INTERFACE and s.recipient == 1:
            if s.wValue >= ds.interfaces.get(s.wIndex, 0) or not self.configuration:
                return STALL
            self.alt[s.wIndex] = s.wValue
            self.interface_selected(s.wIndex, s.wValue)
            return b''
        if s.bRequest == GET_INTERFACE and s.is_in and s.recipient == 1:
            if s.wIndex not in ds.interfaces:
                return STALL
            return bytes([self.alt.get(s.wIndex, 0)])[:s.wLength]
        if s.bRequest in (CLEAR_FEATURE, SET_FEATURE):
            return b''
        return STALL
