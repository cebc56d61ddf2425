"""DFU 1.1 state machine details, driven directly (no umockdev involved)."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from usbbench import dfu_device as F  # noqa: E402
from usbbench.spec import normalize  # noqa: E402
from usbbench.usb_device import STALL, Setup  # noqa: E402


class FakeHost:
    def __init__(self):
        self.timers = []
        self.left = []

    def log(self, *a, **k):
        pass

    def call_later(self, ms, fn):
        self.timers.append(fn)
        return len(self.timers)

    def cancel(self, source):
        self.timers[source - 1] = None

    def fire(self):
        timers, self.timers = self.timers, []
        for fn in timers:
            if fn:
                fn()

    def leave_bus(self, ms, now=False):
        self.left.append(ms)


def out(req, value=0, data=b'', index=0):
    return Setup.make(0x21, req, value, index, len(data)), data


def inp(req, length, value=0, index=0):
    return Setup.make(0xa1, req, value, index, length), b''


class StateMachineTest(unittest.TestCase):
    def device(self, **raw):
        self.host = FakeHost()
        return F.DfuDevice(normalize(raw), self.host)

    def state(self, dev):
        return dev.control(*inp(F.GETSTATE, 1))[0]

    def test_detach_timer_expiry_returns_to_appidle_and_reset_does_not_enter_dfu(self):
        dev = self.device()
        self.assertEqual(dev.control(*out(F.DETACH, 500)), b'')
        self.assertEqual(self.state(dev), F.APP_DETACH)
        self.host.fire()                            # wDetachTimeOut elapses
        self.assertEqual(self.state(dev), F.APP_IDLE)
        dev.bus_reset()
        self.assertEqual(dev.mode, 'runtime')

    def test_other_request_in_appdetach_stalls_and_returns_to_appidle(self):
        dev = self.device()
        dev.control(*out(F.DETACH, 500))
        self.assertIs(dev.control(*out(F.ABORT)), STALL)
        self.assertEqual(self.state(dev), F.APP_IDLE)
        dev.bus_reset()
        self.assertEqual(dev.mode, 'runtime')

    def test_a_bootloader_without_a_valid_application_stays_in_dfuerror_after_a_reset(self):
        dev = self.device(start_mode='dfu', behaviour={'application_valid': False})
        dev.bus_reset()
        self.assertEqual(dev.mode, 'dfu')
        status = dev.control(*inp(F.GETSTATUS, 6))
        self.assertEqual((status[0], status[4]), (F.errFIRMWARE, F.DFU_ERROR))
        self.assertEqual(self.host.left, [], 'it re-enumerated')

    def test_a_bootloader_with_its_application_starts_it_on_a_reset(self):
        dev = self.device(start_mode='dfu')
        dev.bus_reset()
        self.assertEqual(dev.mode, 'runtime')

    def test_download_states_and_poll_timeout(self):
        dev = self.device(start_mode='dfu', dfu={'poll_timeout': 30})
        self.assertEqual(dev.control(*out(F.DNLOAD, 0, b'x' * 64)), b'')
        self.assertEqual(dev.state, F.DNLOAD_SYNC)
        status = dev.control(*inp(F.GETSTATUS, 6))
        self.assertEqual(status[4], F.DNBUSY)
        self.assertEqual(int.from_bytes(status[1:4], 'little'), 30)
        # Polling before bwPollTimeout has elapsed is a protocol error.
        self.assertIs(dev.control(*inp(F.GETSTATUS, 6)), STALL)
        self.assertEqual(dev.state, F.DFU_ERROR)
        self.assertEqual(dev.status, F.errSTALLEDPKT)
        self.assertEqual(dev.control(*out(F.CLRSTATUS)), b'')
        self.assertEqual(dev.state, F.DFU_IDLE)
        dev.control(*out(F.DNLOAD, 0, b'y' * 64))
        dev.control(*inp(F.GETSTATUS, 6))
        time.sleep(0.04)
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.DNLOAD_IDLE)
        self.assertEqual(dev.control(*out(F.ABORT)), b'')
        self.assertEqual(dev.state, F.DFU_IDLE)

    def test_manifestation_without_tolerance_waits_for_reset(self):
        dev = self.device(start_mode='dfu', dfu={'functional': {'attributes': 3}, 'poll_timeout': 0})
        dev.control(*out(F.DNLOAD, 0, b'z' * 10))
        dev.control(*inp(F.GETSTATUS, 6))
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.DNLOAD_IDLE)
        dev.control(*out(F.DNLOAD, 1))
        self.assertEqual(dev.state, F.MANIFEST_SYNC)
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.MANIFEST)
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.MANIFEST_WAIT_RESET)
        dev.bus_reset()
        self.assertEqual((dev.mode, dev.state), ('runtime', F.APP_IDLE))

    def test_reset_with_incomplete_firmware_stays_in_dfu_error(self):
        dev = self.device(start_mode='dfu')
        dev.control(*out(F.DNLOAD, 0, b'z' * 10))
        dev.bus_reset()
        self.assertEqual((dev.mode, dev.state, dev.status), ('dfu', F.DFU_ERROR, F.errFIRMWARE))

    def test_zero_length_download_in_dfuidle_is_an_error(self):
        dev = self.device(start_mode='dfu')
        self.assertIs(dev.control(*out(F.DNLOAD, 0)), STALL)
        self.assertEqual(dev.state, F.DFU_ERROR)

    def test_download_beyond_flash_reports_erraddress(self):
        dev = self.device(start_mode='dfu', dfu={'flash_size': 100})
        dev.control(*out(F.DNLOAD, 0, b'a' * 101))
        status = dev.control(*inp(F.GETSTATUS, 6))
        self.assertEqual((status[0], status[4]), (F.errADDRESS, F.DFU_ERROR))

    def test_upload_short_frame_ends(self):
        dev = self.device(start_mode='dfu')
        dev.control(*out(F.DNLOAD, 0, b'q' * 100))
        dev.control(*inp(F.GETSTATUS, 6))
        time.sleep(0.002)
        dev.control(*inp(F.GETSTATUS, 6))
        dev.control(*out(F.ABORT))
        self.assertEqual(dev.control(*inp(F.UPLOAD, 64)), b'q' * 64)
        self.assertEqual(dev.state, F.UPLOAD_IDLE)
        self.assertEqual(dev.control(*inp(F.UPLOAD, 64, 1)), b'q' * 36)
        self.assertEqual(dev.state, F.DFU_IDLE)

    def test_dfuse_commands(self):
        func = {'version': '0x011a', 'attributes': 0x0b, 'transfer_size': 1024}
        dev = self.device(start_mode='dfu', dfu={
            'functional': func, 'poll_timeout': 0,
            'alts': [{'name': '@Flash /0x08000000/8*1Kg'}]})
        self.assertEqual(dev.control(*inp(F.UPLOAD, 4, 0)), bytes([0, 0x21, 0x41, 0x92]))
        dev.control(*out(F.ABORT))
        dev.control(*out(F.DNLOAD, 0, bytes([0x21]) + (0x08000400).to_bytes(4, 'little')))
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.DNBUSY)    # dfu-util insists
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.DNLOAD_IDLE)
        self.assertEqual(dev.dfuse.pointer, 0x08000400)
        dev.control(*out(F.DNLOAD, 3, b'w' * 16))                           # block 3 => +1024
        self.assertEqual(dev.images[0].image()[0x800:0x810], b'w' * 16)
        dev.control(*inp(F.GETSTATUS, 6))
        dev.control(*inp(F.GETSTATUS, 6))
        dev.control(*out(F.DNLOAD, 0, bytes([0x41]) + (0x08000800).to_bytes(4, 'little')))
        self.assertEqual(dev.images[0].image()[0x800:0x810], b'\xff' * 16)  # page erased
        dev.control(*inp(F.GETSTATUS, 6))
        dev.control(*inp(F.GETSTATUS, 6))
        dev.control(*out(F.DNLOAD, 2))                                       # leave
        self.assertEqual(dev.control(*inp(F.GETSTATUS, 6))[4], F.MANIFEST)
        self.host.fire()
        self.assertEqual(dev.mode, 'runtime')
        self.assertEqual(self.host.left, [100])
