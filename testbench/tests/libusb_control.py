#!/usr/bin/python3
"""One control transfer through the real libusb (ctypes), run under usbsim.

    libusb_control.py VID PID bmRequestType bRequest wValue wIndex wLength

Prints "RC=<libusb result> DATA=<hex>" (RC is a byte count or a negative
LIBUSB_ERROR code, e.g. -9 for a STALL).
"""
import ctypes
import ctypes.util
import sys

lib = ctypes.CDLL(ctypes.util.find_library('usb-1.0'))
lib.libusb_open_device_with_vid_pid.restype = ctypes.c_void_p
lib.libusb_open_device_with_vid_pid.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_uint16]
lib.libusb_control_transfer.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint8, ctypes.c_uint16,
                                        ctypes.c_uint16, ctypes.c_char_p, ctypes.c_uint16, ctypes.c_uint]
lib.libusb_close.argtypes = [ctypes.c_void_p]

vid, pid, bm, req, value, index, length = (int(a, 0) for a in sys.argv[1:8])
ctx = ctypes.c_void_p()
assert lib.libusb_init(ctypes.byref(ctx)) == 0
handle = lib.libusb_open_device_with_vid_pid(ctx, vid, pid)
if not handle:
    sys.exit('no device %04x:%04x' % (vid, pid))
buf = ctypes.create_string_buffer(max(length, 1))
rc = lib.libusb_control_transfer(handle, bm, req, value, index, buf, length, 1000)
print('RC=%d DATA=%s' % (rc, buf.raw[:max(rc, 0)].hex()), flush=True)
lib.libusb_close(handle)
