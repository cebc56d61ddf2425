"""Behaviours of real device stacks (see the behaviour table in testbench/README.md), seen through the
real libusb (ctypes) and the real dfu-util."""
import json
import os
import re
import struct

from .helpers import BenchCase, HERE, PYTHON, plain_spec, dfuse_spec

CONTROL = '%s %s' % (PYTHON, os.path.join(HERE, 'libusb_control.py'))
# bmRequestType for DFU class requests to interface 0, and bRequest values.
CLASS_OUT, CLASS_IN = 0x21, 0xa1
DETACH, GETSTATUS, GETSTATE = 0, 3, 5


class DeviceStacksTest(BenchCase):
    def events(self, log, kind=None):
        with open(log) as f:
            rows = [json.loads(line) for line in f]
        return [r for r in rows if kind is None or r['event'] == kind]

    def runtime(self, functional=None, **behaviour):
        raw = plain_spec(None, **behaviour)
        raw['runtime'] = {'functional': dict({'attributes': '0x03', 'detach_timeout': 255}, **(functional or {}))}
        return raw

    def control(self, *request):
        return CONTROL + ' 0x1209 0x0001 ' + ' '.join(str(r) for r in request)

    def test_leave_after_timeout_leaves_when_wvalue_runs_out_plus_the_lateness(self):
        log = self.path('ev.jsonl')
        spec = self.spec('d.json', self.runtime(detach='leave_after_timeout', detach_late_ms=40))
        out = self.usbsim('%s; sleep 0.8; dfu-util -l' % self.control(CLASS_OUT, DETACH, 200, 0, 0),
                          specs=[spec], log=log).output
        self.assertIn('RC=0', out)
        self.assertIn('Found DFU: [1209:0001]', out)
        rows = self.events(log)
        reply = next(r for r in rows if r['event'] == 'setup' and r['bRequest'] == DETACH)
        gone = next(r for r in rows if r['event'] == 'disconnect')
        late = (gone['t_us'] - reply['t_us']) / 1000
        # min(wValue 200, wDetachTimeOut 255) + 40 ms late, never at wValue exactly.
        self.assertGreaterEqual(late, 235, rows)
        self.assertLess(late, 600, rows)
        self.assertEqual([r for r in rows if r['event'] == 'reset' and r['reason'] == 'host'], [])

    def test_leave_at_once_without_will_detach(self):
        log = self.path('ev.jsonl')
        spec = self.spec('d.json', self.runtime(detach='leave_at_once'))
        out = self.usbsim('%s; sleep 0.5; dfu-util -l' % self.control(CLASS_OUT, DETACH, 1000, 0, 0),
                          specs=[spec], log=log).output
        self.assertIn('RC=0', out)
        self.assertIn('Found DFU: [1209:0001]', out)
        self.assertEqual(len(self.events(log, 'disconnect')), 1)

    def test_leave_before_status_fails_the_detach_itself(self):
        spec = self.spec('d.json', self.runtime(detach='leave_before_status'))
        out = self.usbsim('%s; sleep 0.5; dfu-util -l' % self.control(CLASS_OUT, DETACH, 1000, 0, 0),
                          specs=[spec]).output
        rc = int(re.search(r'RC=(-?\d+)', out).group(1))
        self.assertLess(rc, 0, out)          # LIBUSB_ERROR_IO / NO_DEVICE / PIPE, as the board vanished
        self.assertIn('Found DFU: [1209:0001]', out)

    def test_getstate_stalled_while_getstatus_answers(self):
        spec = self.spec('d.json', self.runtime(runtime_getstatus='stall_getstate'))
        out = self.usbsim('%s; %s' % (self.control(CLASS_IN, GETSTATUS, 0, 0, 6),
                                      self.control(CLASS_IN, GETSTATE, 0, 0, 1)), specs=[spec]).output
        self.assertEqual(re.findall(r'RC=(-?\d+)', out), ['6', '-9'], out)

    def test_always_appidle_even_in_appdetach(self):
        spec = self.spec('d.json', self.runtime(runtime_getstatus='always_appidle'))
        # One process: DETACH, then GETSTATUS while the detach timer runs.
        script = ('%s; %s' % (self.control(CLASS_OUT, DETACH, 1000, 0, 0), self.control(CLASS_IN, GETSTATUS, 0, 0, 6)))
        out = self.usbsim(script, specs=[spec]).output
        self.assertIn('DATA=000000000000', out)          # bState 0: appIDLE, though it is in appDETACH

    def test_functional_descriptor_only_by_get_descriptor(self):
        raw = self.runtime()
        raw['runtime']['functional_in_configuration'] = False
        spec = self.spec('d.json', raw)
        out = self.usbsim('%s; lsusb -v -d 1209:0001 2>/dev/null | grep -c "Device Firmware Upgrade Interface Descriptor"'
                          % self.control(0x80, 6, 0x2100, 0, 9), specs=[spec]).output
        self.assertIn('RC=9 DATA=' + struct.pack('<BBBHHH', 9, 0x21, 3, 255, 2048, 0x0110).hex(), out)
        self.assertEqual(out.strip().splitlines()[-1], '0', out)

    def test_dfuse_with_interface_protocol_zero(self):
        raw = dfuse_spec(self.path('flash.bin'))
        raw['dfu']['interface_protocol'] = 0
        raw['start_mode'] = 'dfu'
        out = self.usbsim('lsusb -v -d 0483:df11 2>/dev/null | grep bInterfaceProtocol; dfu-util -l',
                          specs=[self.spec('d.json', raw)]).output
        self.assertIn('bInterfaceProtocol      0', out)
        self.assertIn('Found DFU: [0483:df11]', out)

    def test_dfuse_leave_without_the_last_getstatus(self):
        fw = self.firmware(size=5000)
        raw = dfuse_spec(self.path('flash.bin'), dfuse_leave='no_status')
        raw['start_mode'] = 'dfu'
        out = self.usbsim('dfu-util -a 0 -s 0x08000000:leave -D %s; echo RC=$?; sleep 0.4; dfu-util -l' % fw,
                          specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out), 74, out)
        self.assertIn('Error during download get_status', out)
        self.assertIn('Found Runtime: [0483:5740]', out)
        self.assertEqual(self.read(self.path('flash.bin'))[:5000], self.read(fw))

    def test_claims_manifestation_tolerance_and_waits_for_a_reset(self):
        fw = self.firmware(size=5000)
        log = self.path('ev.jsonl')
        raw = plain_spec(self.path('out.bin'), manifest_wait_reset=True)
        raw['start_mode'] = 'dfu'
        out = self.usbsim('dfu-util -a 0 -D %s; echo RC=$?; sleep 0.4; dfu-util -l' % fw,
                          specs=[self.spec('d.json', raw)], log=log).output
        states = [r['new'] for r in self.events(log, 'state')]
        self.assertIn('dfuMANIFEST-WAIT-RESET', states, out)
        self.assertEqual(self.read(self.path('out.bin')), self.read(fw))

    def test_erase_asks_for_its_own_poll_timeout(self):
        fw = self.firmware(size=5000)
        raw = dfuse_spec(self.path('flash.bin'))
        raw['start_mode'] = 'dfu'
        raw['dfu']['erase_poll_timeout'] = 1500
        out = self.usbsim('s=$(date +%%s%%N); dfu-util -a 0 -s 0x08000000 -D %s; echo RC=$?; '
                          'echo MS=$(( ($(date +%%s%%N) - s) / 1000000 ))' % fw, specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertGreaterEqual(int(re.search(r'MS=(\d+)', out).group(1)), 1500, out)

    def test_read_protection_fails_uploads_with_errvendor(self):
        log = self.path('ev.jsonl')
        raw = dfuse_spec(self.path('flash.bin'), read_protected=True)
        raw['start_mode'] = 'dfu'
        out = self.usbsim('dfu-util -a 0 -s 0x08000000:4096 -U %s; echo RC=$?; %s'
                          % (self.path('up.bin'), CONTROL + ' 0x0483 0xdf11 %d %d 0 0 6' % (CLASS_IN, GETSTATUS)),
                          specs=[self.spec('d.json', raw)], log=log).output
        self.assertNotEqual(self.rc(out), 0, out)
        self.assertIn('LIBUSB_ERROR_PIPE', out)           # the UPLOAD STALLed
        self.assertIn('DATA=0b0000000a00', out)           # bStatus errVENDOR, bwPollTimeout 0, bState dfuERROR
        self.assertTrue(self.events(log, 'read-protected'), out)

    def test_upload_refused_without_can_upload(self):
        raw = plain_spec(self.path('out.bin'))
        raw['start_mode'] = 'dfu'
        raw['dfu']['functional'] = {'attributes': '0x05'}
        out = self.usbsim('dfu-util -a 0 -U %s; echo RC=$?' % self.path('up.bin'), specs=[self.spec('d.json', raw)]).output
        self.assertNotEqual(self.rc(out), 0, out)

    def test_composite_device_with_iads_cdc_descriptors_and_device_fields(self):
        cdc_functional = '0524001001' '0524010001' '04240202' '0524060001'
        raw = plain_spec(None)
        raw['runtime'] = {
            'bcdUSB': '0x0110', 'device_class': '0xef', 'device_subclass': 2, 'device_protocol': 1, 'max_packet0': 8,
            'interfaces': [
                {'class': 2, 'subclass': 2, 'protocol': 1, 'name': 'CDC control', 'extra': cdc_functional,
                 'association': {'count': 2}, 'endpoints': [{'address': '0x83', 'type': 'interrupt', 'max_packet': 16}]},
                {'class': 10, 'name': 'CDC data', 'endpoints': [{'address': '0x81'}, {'address': '0x01'}]},
                {'dfu': True},
                {'class': '0xff', 'name': 'vendor'}]}
        out = self.usbsim('lsusb -v -d 1209:0001 2>/dev/null; dfu-util -l', specs=[self.spec('d.json', raw)]).output
        self.assertRegex(out, r'bcdUSB\s+1\.10')
        self.assertRegex(out, r'bDeviceClass\s+239')
        self.assertRegex(out, r'bMaxPacketSize0\s+8')
        self.assertIn('Interface Association:', out)
        self.assertIn('CDC Union:', out)
        self.assertIn('Found Runtime: [1209:0001] ver=0100, devnum=2, cfg=1, intf=2', out)

    def test_alt_without_a_name(self):
        raw = plain_spec(None)
        raw['dfu']['alts'] = [{'name': None}, {'name': 'Second'}]
        raw['start_mode'] = 'dfu'
        out = self.usbsim('dfu-util -l', specs=[self.spec('d.json', raw)]).output
        self.assertIn('alt=0, name="UNKNOWN"', out)
        self.assertIn('alt=1, name="Second"', out)

    def test_every_example_enumerates_and_dfu_util_finds_it(self):
        from .helpers import EXAMPLES
        names = sorted(n for n in os.listdir(EXAMPLES) if n.endswith('.json'))
        specs = [os.path.join(EXAMPLES, n) for n in names]
        out = self.usbsim('dfu-util -l; ls /dev/ttyACM*', specs=specs, extra=['--output-dir', self.tmp]).output
        # One "Found" line per alt setting in DFU mode, one per run-time interface: at least one per example,
        # but for locked.json, which dfu-util may not open, and boards without a DFU interface at run-time, which
        # have a serial port instead (a tty for each example with one).
        raws = []
        for path in specs:
            with open(path) as f:
                raws.append(json.load(f))
        serial_only = [r for r in raws if (r.get('runtime') or {}).get('dfu_interface') is False]
        serial = [r for r in raws if 'serial_port' in json.dumps(r)]
        ports = set(re.findall(r'path="(1-\d+)"', out))
        self.assertIn('Cannot open DFU device 1209:0070', out)
        self.assertEqual(len(ports), len(specs) - 1 - len(serial_only), out)
        self.assertEqual(len(re.findall(r'^/dev/ttyACM\d+$', out, re.M)), len(serial), out)

    def test_a_device_that_cannot_be_made_leaves_no_port_behind(self):
        bad = self.spec('bad.json', {'dfu': {'alts': [{'name': 'x', 'upload_file': self.path('missing.bin')}]}})
        ctl = os.path.join(HERE, '..', 'usbsim-ctl')
        out = self.usbsim('%s attach %s; %s list; %s attach %s' % (ctl, bad, ctl, ctl,
                                                                  os.path.join(HERE, '..', 'examples', 'default.json')),
                          extra=['--output-dir', self.tmp]).output
        self.assertIn('No such file or directory', out)
        self.assertNotIn('disconnected name=?', out)
        self.assertIn('ok 1-2', out)                    # the port is free for the next board
