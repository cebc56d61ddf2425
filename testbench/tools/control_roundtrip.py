#!/usr/bin/python3
"""Times control round trips (DFU GETSTATE) through real libusb (ctypes).

Run under usbsim; prints "median_us=... p90_us=... n=...".
"""
import ctypes
import ctypes.util
import statistics
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
lib = ctypes.CDLL(ctypes.util.find_library('usb-1.0'))
lib.libusb_open_device_with_vid_pid.restype = ctypes.c_void_p
lib.libusb_open_device_with_vid_pid.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_uint16]
lib.libusb_control_transfer.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint8, ctypes.c_uint16,
                                        ctypes.c_uint16, ctypes.c_char_p, ctypes.c_uint16, ctypes.c_uint]
lib.libusb_claim_interface.argtypes = [ctypes.c_void_p, ctypes.c_int]
lib.libusb_close.argtypes = [ctypes.c_void_p]
ctx = ctypes.c_void_p()
assert lib.libusb_init(ctypes.byref(ctx)) == 0
handle = lib.libusb_open_device_with_vid_pid(ctx, 0x1209, 0x0001)
if not handle:
    sys.exit('no device 1209:0001')
lib.libusb_claim_interface(handle, 0)
buf = ctypes.create_string_buffer(1)
times = []
for _ in range(N):
    t0 = time.perf_counter()
    rc = lib.libusb_control_transfer(handle, 0xa1, 5, 0, 0, buf, 1, 1000)   # DFU GETSTATE
    times.append(time.perf_counter() - t0)
    if rc != 1:
        sys.exit('control transfer failed: %d' % rc)
lib.libusb_close(handle)
times.sort()
print('median_us=%.0f p90_us=%.0f n=%d' % (statistics.median(times) * 1e6, times[int(N * 0.9)] * 1e6, N))
