"""dfu-util -e: detach by reset, and by the device itself (bitWillDetach)."""
from .helpers import BenchCase, plain_spec


class DetachTest(BenchCase):
    def test_detach_by_reset_reenumerates_in_dfu_mode(self):
        spec = self.spec('d.json', plain_spec(None))
        out = self.usbsim('dfu-util -e; echo RC=$?; sleep 0.4; dfu-util -l', specs=[spec]).output
        self.assertEqual(self.rc(out), 0)
        self.assertIn('Resetting USB...', out)
        self.assertEqual(self.found(out), [
            'Found DFU: [1209:0001] ver=0100, devnum=3, cfg=1, intf=0, path="1-1", alt=0, '
            'name="Flash", serial="SIM0001"'])

    def test_will_detach_device_leaves_by_itself(self):
        raw = plain_spec(None)
        raw['runtime'] = {'functional': {'attributes': '0x0f'}}
        log = self.path('ev.jsonl')
        out = self.usbsim('dfu-util -e; echo RC=$?; sleep 0.4; dfu-util -l',
                          specs=[self.spec('d.json', raw)], log=log).output
        self.assertEqual(self.rc(out), 0)
        self.assertIn('Device will detach and reattach...', out)
        self.assertNotIn('Resetting USB', out)
        self.assertEqual(len(self.found(out)), 1)
        self.assertIn('Found DFU: [1209:0001]', out)
        events = self.read(log).decode()
        self.assertNotIn('"reason":"host"', events)      # no host reset was needed

    def test_detach_via_download_from_runtime(self):
        fw = self.firmware(size=5000)
        out_file = self.path('out.bin')
        spec = self.spec('d.json', plain_spec(out_file))
        out = self.usbsim('dfu-util -E 1 -D %s; echo RC=$?' % fw, specs=[spec]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Device really in Run-Time Mode, send DFU detach request', out)
        self.assertEqual(self.read(out_file), self.read(fw))
