#!/usr/bin/python3
"""libusb hotplug listener (ctypes on libusb-1.0.so.0) driving the bench's
control socket: attaches SPEC, waits for "arrived", detaches it, waits for
"left". Prints one line per event and per control reply."""
import ctypes
import ctypes.util
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from usbbench.ctlclient import request  # noqa: E402

lib = ctypes.CDLL(ctypes.util.find_library('usb-1.0'))
lib.libusb_get_bus_number.argtypes = [ctypes.c_void_p]
lib.libusb_get_device_address.argtypes = [ctypes.c_void_p]
lib.libusb_get_port_number.argtypes = [ctypes.c_void_p]
lib.libusb_get_device_descriptor.argtypes = [ctypes.c_void_p, ctypes.c_void_p]


class Timeval(ctypes.Structure):
    _fields_ = [('tv_sec', ctypes.c_long), ('tv_usec', ctypes.c_long)]


class DeviceDescriptor(ctypes.Structure):
    _fields_ = [(n, t) for n, t in (
        ('bLength', ctypes.c_uint8), ('bDescriptorType', ctypes.c_uint8), ('bcdUSB', ctypes.c_uint16),
        ('bDeviceClass', ctypes.c_uint8), ('bDeviceSubClass', ctypes.c_uint8),
        ('bDeviceProtocol', ctypes.c_uint8), ('bMaxPacketSize0', ctypes.c_uint8),
        ('idVendor', ctypes.c_uint16), ('idProduct', ctypes.c_uint16), ('bcdDevice', ctypes.c_uint16),
        ('iManufacturer', ctypes.c_uint8), ('iProduct', ctypes.c_uint8),
        ('iSerialNumber', ctypes.c_uint8), ('bNumConfigurations', ctypes.c_uint8))]


CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
events = []


def on_event(_ctx, dev, event, _user):
    d = DeviceDescriptor()
    lib.libusb_get_device_descriptor(dev, ctypes.byref(d))
    line = '%s %04x:%04x bus=%d devnum=%d port=%d' % (
        'ARRIVED' if event == 1 else 'LEFT', d.idVendor, d.idProduct,
        lib.libusb_get_bus_number(dev), lib.libusb_get_device_address(dev),
        lib.libusb_get_port_number(dev))
    events.append(line)
    print(line, flush=True)
    return 0


def control(command):
    lines = request(command)
    for line in lines:
        print('CONTROL ' + line, flush=True)
    return lines[-1]


def pump(until, timeout=10):
    ctx_tv = Timeval(0, 100000)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        lib.libusb_handle_events_timeout_completed(ctx, ctypes.byref(ctx_tv), None)
        if any(until in e for e in events):
            return True
    return False


ctx = ctypes.c_void_p()
assert lib.libusb_init(ctypes.byref(ctx)) == 0
lib.libusb_handle_events_timeout_completed.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
lib.libusb_hotplug_register_callback.argtypes = [
    ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
    CALLBACK, ctypes.c_void_p, ctypes.c_void_p]
callback = CALLBACK(on_event)
handle = ctypes.c_int()
# ARRIVED | LEFT, flag ENUMERATE (report devices already present), match any.
rc = lib.libusb_hotplug_register_callback(ctx, 3, 1, -1, -1, -1, callback, None, ctypes.byref(handle))
assert rc == 0, rc

spec = sys.argv[1]
reply = control('attach ' + spec)
port = reply.split()[1]
ok_arrived = pump('ARRIVED 1209:00aa')
control('list')
control('detach ' + port)
ok_left = pump('LEFT 1209:00aa')
control('detach 9-9')
print('RESULT arrived=%s left=%s' % (ok_arrived, ok_left), flush=True)
sys.exit(0 if ok_arrived and ok_left else 1)
