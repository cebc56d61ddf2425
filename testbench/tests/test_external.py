"""The external-device protocol example works with dfu-util; device
processes that exit or stop answering are disconnected without harm."""
import json
import os
import time

from .helpers import BenchCase, EXAMPLES
from .test_session import processes_with


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
        for cmd in ('true', '/nonexistent-cmd'):
            proc = self.usbsim('sleep 0.3; dfu-util -l; echo RC=$?', cmds=[cmd])
            self.assertEqual(proc.returncode, 0, proc.output)
            self.assertEqual(self.rc(proc.output), 0)
            self.assertEqual(self.found(proc.output), [])
            self.assertNotIn('cannot remove', proc.output)

    def test_silent_device_times_out_and_is_stopped(self):
        log = self.path('ev.jsonl')
        start = time.monotonic()
        proc = self.usbsim('dfu-util -l; echo RC=$?; exit 5', cmds=['sleep 101.25; true'], log=log)
        self.assertLess(time.monotonic() - start, 15)
        self.assertEqual(proc.returncode, 5, proc.output)
        self.assertIn('usbsim: device process on port 1-1 (sleep 101.25; true) '
                      'did not answer within 5 s; disconnected', proc.output)
        self.assertEqual(self.found(proc.output), [])
        with open(log) as f:
            events = [json.loads(line)['event'] for line in f]
        self.assertEqual(events.count('device-timeout'), 1, events)
        self.assertEqual(processes_with('sleep', '101.25'), [])
