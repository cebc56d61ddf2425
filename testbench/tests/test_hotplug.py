"""Hotplug through the control socket is seen by a libusb hotplug listener."""
import os

from .helpers import BenchCase, HERE, PYTHON


class HotplugTest(BenchCase):
    def test_attach_detach_seen_by_libusb_hotplug(self):
        spec = self.spec('hot.json', {'runtime': {'pid': '0x00aa', 'serial': 'HOT1'}})
        out = self.usbsim('%s %s %s' % (PYTHON, os.path.join(HERE, 'hotplug_listener.py'), spec)).output
        self.assertIn('ARRIVED 1209:0001 bus=1 devnum=2 port=1', out)      # enumerated at start
        self.assertIn('CONTROL ok 1-2', out)
        self.assertIn('ARRIVED 1209:00aa bus=1 devnum=3 port=2', out)
        self.assertRegex(out, r'CONTROL 1-2 devnum=3 /dev/bus/usb/001/003 1209:00aa mode=runtime state=appIDLE')
        self.assertIn('LEFT 1209:00aa bus=1 devnum=3 port=2', out)
        self.assertIn('CONTROL error no device on port 9-9', out)
        self.assertIn('RESULT arrived=True left=True', out)
