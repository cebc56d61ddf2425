"""Download paths of less common DFU devices, with the real dfu-util and libusb."""
import os

from .helpers import BenchCase, HERE, PYTHON, plain_spec

GETSTATE = '%s %s 0x1209 0x0001 0xa1 5 0 %%d 1' % (PYTHON, os.path.join(HERE, 'libusb_control.py'))


class DfuVariantsTest(BenchCase):
    def run_download(self, raw, size=5000):
        fw = self.firmware(size=size)
        script = 'dfu-util -E 1 -D %s; echo RC=$?; sleep 0.3; %s/usbsim-ctl list' % (
            fw, os.path.dirname(HERE))
        return self.usbsim(script, specs=[self.spec('d.json', raw)]).output, fw

    def test_dfu10_device_detach_and_download(self):
        raw = plain_spec(self.path('out.bin'))
        raw['runtime'] = {'functional': {'version': None, 'attributes': '0x07'}}
        out, fw = self.run_download(raw)
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Device really in Run-Time Mode, send DFU detach request', out)
        self.assertIn('DFU mode device DFU version 0100', out)     # 7-byte descriptor
        self.assertEqual(self.read(self.path('out.bin')), self.read(fw))

    def test_no_runtime_functional_descriptor_detach_and_download(self):
        raw = plain_spec(self.path('out.bin'))
        raw['runtime'] = {'functional': None}
        out, fw = self.run_download(raw)
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Device really in Run-Time Mode, send DFU detach request', out)
        self.assertEqual(self.read(self.path('out.bin')), self.read(fw))

    def test_manifestation_intolerant_device(self):
        # The final reset re-enumerates the device in run-time mode, so it
        # fails with LIBUSB_ERROR_NOT_FOUND as with a kernel; dfu-util 0.11
        # prints "Done!" and still exits 74 (EX_IOERR) for it.
        raw = plain_spec(self.path('out.bin'))
        raw['dfu']['functional'] = {'attributes': '0x03'}
        out, fw = self.run_download(raw)
        self.assertIn('DFU state(8) = dfuMANIFEST-WAIT-RESET', out)
        self.assertIn('Resetting USB to switch back to runtime mode\nDone!', out)
        self.assertEqual(self.rc(out), 74, out)
        self.assertEqual(self.read(self.path('out.bin')), self.read(fw))
        self.assertRegex(out, r'1-1 devnum=4 \S+ 1209:0001 mode=runtime state=appIDLE')

    def test_runtime_getstate_through_libusb(self):
        ok = self.spec('a.json', {})
        stall = self.spec('b.json', {'runtime': {'pid': 2}, 'behaviour': {'runtime_getstatus': 'stall'}})
        out = self.usbsim('%s; %s' % (GETSTATE % 0, GETSTATE.replace('0x0001', '0x0002') % 0),
                          specs=[ok, stall]).output
        self.assertEqual(out.split(), ['RC=1', 'DATA=00', 'RC=-9', 'DATA='], out)   # appIDLE; STALL
