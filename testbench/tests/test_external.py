"""The external-device protocol example works with dfu-util."""
import os

from .helpers import BenchCase, EXAMPLES


class ExternalDeviceTest(BenchCase):
    def test_example_device_list_download_upload(self):
        fw = self.firmware(size=50000)
        out_file = self.path('ext.bin')
        up = self.path('up.bin')
        cmd = '%s %s' % (os.path.join(EXAMPLES, 'example_dfu_device.py'), out_file)
        out = self.usbsim(
            'dfu-util -l; dfu-util -d 1209:0003 -E 1 -D %s -R; echo RC=$?; sleep 0.3; dfu-util -l;'
            'dfu-util -d 1209:0003 -E 1 -U %s; echo UP=$?' % (fw, up), cmds=[cmd]).output
        self.assertIn('Found Runtime: [1209:0003] ver=0100, devnum=2, cfg=1, intf=0, path="1-1", '
                      'alt=0, name="DFU runtime", serial="EXT0001"', out)
        self.assertIn('Device will detach and reattach...', out)
        self.assertIn(self.rc(out), (0, 251), out)
        self.assertEqual(self.read(out_file), self.read(fw))
        self.assertEqual(self.rc(out, 'UP'), 0, out)
        self.assertEqual(self.read(up), self.read(fw))

    def test_device_process_exit_is_a_disconnect(self):
        out = self.usbsim('sleep 0.3; dfu-util -l; echo RC=$?', cmds=['true']).output
        self.assertEqual(self.found(out), [])
