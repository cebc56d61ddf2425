"""lsusb and dfu-util see the simulated devices with the right attributes."""
import os
import re
import subprocess

from .helpers import BenchCase, USBSIM, dfuse_spec


class ListingTest(BenchCase):
    def test_lsusb_verbose_shows_descriptors(self):
        out = self.usbsim('lsusb -v').output
        # The ID line's names are the device's strings, or udev's hardware database's when it knows the ID (with
        # Debian's udev installed, 1209:0001 is "Generic pid.codes Test PID"): the strings are checked below.
        self.assertRegex(out, r'ID 1209:0001 (usbsim Simulated DFU device|Generic pid\.codes Test PID)')
        for text in ('idVendor           0x1209', 'iManufacturer           1 usbsim',
                     'iProduct                2 Simulated DFU device', 'iSerial                 3 SIM0001',
                     'bInterfaceClass       254', 'bInterfaceProtocol      1',
                     'iInterface              4 DFU runtime',
                     'Device Firmware Upgrade Interface Descriptor', 'wDetachTimeout                   1000 milliseconds',
                     'wTransferSize                    2048 bytes', 'bcdDFUVersion                   1.10'):
            self.assertIn(text, out)

    def test_default_runtime_device_listed(self):
        out = self.usbsim('dfu-util -l').output
        self.assertEqual(self.found(out), [
            'Found Runtime: [1209:0001] ver=0100, devnum=2, cfg=1, intf=0, path="1-1", '
            'alt=0, name="DFU runtime", serial="SIM0001"'])

    def test_dfu_mode_device_with_alts_and_other_identity(self):
        spec = self.spec('d.json', {
            'start_mode': 'dfu',
            'runtime': {'vid': '0x1209', 'pid': '0x0010', 'interfaces': [
                {'class': 2, 'subclass': 2, 'protocol': 1, 'name': 'CDC'},
                {'class': 10, 'name': 'CDC data', 'endpoints': [
                    {'address': '0x81', 'type': 'bulk', 'max_packet': 512},
                    {'address': '0x01', 'type': 'bulk', 'max_packet': 512}]}]},
            'dfu': {'vid': '0x1209', 'pid': '0x0011', 'bcdDevice': '0x0200', 'serial': 'BOOT42',
                    'alts': [{'name': 'Application'}, {'name': 'Bootloader'}]}})
        rt = self.spec('r.json', {'runtime': {'vid': '0x1209', 'pid': '0x0010', 'serial': 'RT1',
                                              'interfaces': [{'class': 2, 'name': 'CDC'}]}})
        out = self.usbsim('dfu-util -l; lsusb', specs=[spec, rt]).output
        self.assertEqual(self.found(out), [
            'Found DFU: [1209:0011] ver=0200, devnum=2, cfg=1, intf=0, path="1-1", alt=1, '
            'name="Bootloader", serial="BOOT42"',
            'Found DFU: [1209:0011] ver=0200, devnum=2, cfg=1, intf=0, path="1-1", alt=0, '
            'name="Application", serial="BOOT42"',
            'Found Runtime: [1209:0010] ver=0100, devnum=3, cfg=1, intf=1, path="1-2", alt=0, '
            'name="DFU runtime", serial="RT1"'])
        self.assertIn('Bus 001 Device 003: ID 1209:0010', out)

    def test_sysfs_has_the_interfaces_and_their_names_as_the_kernel_keeps_them(self):
        # Hosts read an interface's name from sysfs (1-1:1.0/interface) instead of asking the device; the kernel shows
        # the alt setting selected last (SET_INTERFACE) and its name.
        spec = dfuse_spec(self.path('flash.bin'))
        spec['start_mode'] = 'dfu'
        show = ('cd "$UMOCKDEV_DIR/sys/bus/usb/devices/1-1:1.0" && echo "ALT=$(cat bAlternateSetting) '
                'CLASS=$(cat bInterfaceClass)/$(cat bInterfaceSubClass)/$(cat bInterfaceProtocol) NAME=$(cat interface)"')
        out = self.usbsim('%s; dfu-util -p 1-1 -a 1 -s 0x1FFFC000:16 -U %s >/dev/null 2>&1; echo RC=$?; %s'
                          % (show, self.path('options.bin'), show), specs=[self.spec('dfuse.json', spec)]).output
        self.assertIn('ALT= 0 CLASS=fe/01/02 NAME=@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg', out)
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('ALT= 1 CLASS=fe/01/02 NAME=@Option Bytes  /0x1FFFC000/01*016 e', out)

    def test_dfu_interface_placed_first(self):
        spec = self.spec('d.json', {'runtime': {'interfaces': [
            {'dfu': True},
            {'class': 2, 'subclass': 2, 'protocol': 1, 'name': 'CDC control'},
            {'class': 10, 'name': 'CDC data', 'endpoints': [
                {'address': '0x81', 'type': 'bulk'}, {'address': '0x01', 'type': 'bulk'}]}]},
            'behaviour': {'reenumerate_delay_ms': 50}})
        out = self.usbsim('lsusb -v -d 1209:0001; dfu-util -l; dfu-util -e; echo RC=$?;'
                          'sleep 0.3; dfu-util -l', specs=[spec]).output
        found = self.found(out)
        self.assertEqual(found[0], 'Found Runtime: [1209:0001] ver=0100, devnum=2, cfg=1, intf=0, '
                                   'path="1-1", alt=0, name="DFU runtime", serial="SIM0001"')
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Found DFU: [1209:0001]', found[1])   # DETACH reached interface 0
        numbers = re.findall(r'bInterfaceNumber +(\d+)\n.*\n.*\n +bInterfaceClass +(\d+)', out)
        self.assertEqual(numbers, [('0', '254'), ('1', '2'), ('2', '10')], out)
        self.assertIn('bNumInterfaces          3', out)

    def test_dfu10_and_missing_functional_descriptor(self):
        dfu10 = self.spec('a.json', {'runtime': {'functional': {'version': None, 'attributes': 3}}})
        none = self.spec('b.json', {'runtime': {'functional': None, 'pid': 2}})
        out = self.usbsim('lsusb -v -d 1209:0001; dfu-util -l', specs=[dfu10, none]).output
        self.assertIn('bLength                             7', out)
        self.assertNotIn('bcdDFUVersion', out)
        found = self.found(out)
        self.assertEqual(len(found), 2, out)
        self.assertIn('[1209:0002]', found[1])

    def test_exit_status_is_programs(self):
        self.assertEqual(self.usbsim('exit 7').returncode, 7)

    def test_missing_package_is_named(self):
        env = dict(os.environ, PATH='/nonexistent')
        proc = subprocess.run([USBSIM, '--', 'true'], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(proc.returncode, 69)
        self.assertIn(b'missing Debian package(s): umockdev', proc.stderr)

    def test_bad_spec_is_rejected(self):
        spec = self.spec('bad.json', {'behaviour': {'detach': 'sometimes'}})
        proc = self.usbsim('true', specs=[spec])
        self.assertEqual(proc.returncode, 64)
        self.assertIn('behaviour.detach', proc.output)
        spec = self.spec('bad2.json', {'behavior': {}})
        self.assertIn('unknown key(s) behavior', self.usbsim('true', specs=[spec]).output)

    def test_32_devices_all_list(self):
        specs = [self.spec('d%d.json' % i, {'runtime': {'serial': 'SN%02d' % i}}) for i in range(32)]
        out = self.usbsim('dfu-util -l; lsusb', specs=specs).output
        found = self.found(out)
        self.assertEqual(len(found), 32, out)
        for i in range(32):
            self.assertTrue(any('path="1-%d"' % (i + 1) in f and 'serial="SN%02d"' % i in f
                                for f in found), i)
        self.assertEqual(out.count('ID 1209:0001'), 32)
