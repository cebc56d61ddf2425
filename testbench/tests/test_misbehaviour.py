"""Each configured misbehaviour shows the symptom a real device would cause."""
import os

from .helpers import BenchCase, plain_spec


class MisbehaviourTest(BenchCase):
    def download(self, fw=None, **behaviour):
        fw = fw or self.firmware(size=20 * 1024)
        out_file = self.path('out.bin')
        spec = self.spec('d.json', plain_spec(out_file, **behaviour))
        out = self.usbsim('dfu-util -E 1 -D %s; echo RC=$?; sleep 0.3; dfu-util -l' % fw,
                          specs=[spec]).output
        return out, out_file

    def test_never_reenumerates(self):
        out, _ = self.download(never_reenumerate=True)
        self.assertIn('Lost device after RESET?', out)
        self.assertEqual(self.rc(out), 74)
        self.assertEqual(self.found(out), [])

    def test_reenumeration_slower_than_host_waits(self):
        out, _ = self.download(reenumerate_delay_ms=2500)
        self.assertIn('Lost device after RESET?', out)
        self.assertEqual(self.rc(out), 74)

    def test_vanishes_mid_download(self):
        out, out_file = self.download(disconnect_at_block=3)
        self.assertEqual(self.rc(out), 74, out)
        self.assertEqual(os.path.getsize(out_file), 3 * 2048)
        # It comes back in DFU mode: the firmware is incomplete.
        self.assertIn('Found DFU: [1209:0001]', out)

    def test_detach_stalled(self):
        out, _ = self.download(detach='stall')
        self.assertIn('error detaching', out)
        self.assertIn('Lost device after RESET?', out)

    def test_detach_ignored_and_return_in_runtime(self):
        for behaviour in ({'detach': 'ignore'}, {'return_in_runtime': True}):
            out, _ = self.download(**behaviour)
            self.assertIn('Lost device after RESET?', out)
            self.assertEqual(self.rc(out), 74)
            self.assertIn('Found Runtime: [1209:0001] ver=0100, devnum=2', out)

    def test_runtime_getstatus_stalled(self):
        fw = self.firmware(size=3000)
        out, out_file = self.download(fw=fw, runtime_getstatus='stall')
        self.assertEqual(self.rc(out), 0, out)
        self.assertEqual(self.read(out_file), self.read(fw))
        self.assertNotIn('DFU state(0) = appIDLE', out)

    def test_open_refused(self):
        spec = self.spec('d.json', plain_spec(None, open_error='EACCES'))
        out = self.usbsim('dfu-util -l; lsusb', specs=[spec]).output
        self.assertIn('Cannot open DFU device 1209:0001 found on devnum 2 (LIBUSB_ERROR_ACCESS)', out)
        self.assertIn('ID 1209:0001', out)

    def test_manifestation_failure(self):
        out, _ = self.download(manifest_error='errVERIFY')
        self.assertIn('DFU state(10) = dfuERROR, status(7) = Programmed memory failed verification', out)

    def test_string_errors(self):
        spec = self.spec('d.json', plain_spec(None, string_errors=True))
        out = self.usbsim('dfu-util -l', specs=[spec]).output
        self.assertIn('Failed to retrieve string descriptor', out)
        self.assertIn('name="UNKNOWN", serial="UNKNOWN"', out)
