"""Each configured misbehaviour shows the symptom a real device would cause."""
import json
import os

from .helpers import BenchCase, TESTBENCH, plain_spec


class MisbehaviourTest(BenchCase):
    def download(self, fw=None, log=None, **behaviour):
        fw = fw or self.firmware(size=20 * 1024)
        out_file = self.path('out.bin')
        spec = self.spec('d.json', plain_spec(out_file, **behaviour))
        out = self.usbsim('dfu-util -E 1 -D %s; echo RC=$?; sleep 0.3; dfu-util -l; %s list'
                          % (fw, os.path.join(TESTBENCH, 'usbsim-ctl')), specs=[spec], log=log).output
        return out, out_file

    def events(self, log, kind):
        with open(log) as f:
            return [r for r in map(json.loads, f) if r['event'] == kind]

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
        transitions = {}
        for key, behaviour in (('ignore', {'detach': 'ignore'}), ('runtime', {'return_in_runtime': True})):
            log = self.path('%s.jsonl' % key)
            out, _ = self.download(log=log, **behaviour)
            self.assertIn('Lost device after RESET?', out)
            self.assertEqual(self.rc(out), 74)
            self.assertIn('Found Runtime: [1209:0001] ver=0100, devnum=2', out)
            self.assertRegex(out, r'1-1 devnum=2 \S+ 1209:0001 mode=runtime state=appIDLE')
            transitions[key] = [(r['mode'], r['old'], r['new']) for r in self.events(log, 'state')]
        # An ignored DETACH never leaves appIDLE; a device returning in
        # run-time mode did detach and came back from appDETACH.
        self.assertEqual(transitions['ignore'], [])
        self.assertEqual(transitions['runtime'], [('runtime', 'appIDLE', 'appDETACH'),
                                                  ('runtime', 'appDETACH', 'appIDLE')])

    def test_runtime_getstatus_stalled(self):
        fw = self.firmware(size=3000)
        log = self.path('ev.jsonl')
        out, out_file = self.download(fw=fw, log=log, runtime_getstatus='stall')
        self.assertEqual(self.rc(out), 0, out)
        self.assertEqual(self.read(out_file), self.read(fw))
        self.assertIn('Device does not implement get_status, assuming appIDLE', out)
        self.assertNotIn('DFU state(0) = appIDLE', out)
        with open(log) as f:
            records = [json.loads(line) for line in f]
        getstatus = [n for n, r in enumerate(records) if r['event'] == 'setup'
                     and r['bmRequestType'] == 0xa1 and r['bRequest'] == 3]
        self.assertEqual(records[getstatus[0] + 1]['event'], 'stall')   # the run-time one
        self.assertRegex(out, r'1-1 devnum=3 \S+ 1209:0001 mode=dfu state=dfuIDLE')

    def test_open_refused(self):
        spec = self.spec('d.json', plain_spec(None, open_error='EACCES'))
        out = self.usbsim('dfu-util -l; lsusb', specs=[spec]).output
        self.assertIn('Cannot open DFU device 1209:0001 found on devnum 2 (LIBUSB_ERROR_ACCESS)', out)
        self.assertIn('ID 1209:0001', out)

    def test_manifestation_failure(self):
        out, out_file = self.download(manifest_error='errVERIFY')
        self.assertIn('DFU state(10) = dfuERROR, status(7) = Programmed memory failed verification', out)
        self.assertEqual(self.rc(out), 0, out)     # dfu-util 0.11 reports it but exits 0
        self.assertEqual(os.path.getsize(out_file), 20 * 1024)
        # The device stays in DFU mode, in dfuERROR.
        self.assertRegex(out, r'1-1 devnum=3 \S+ 1209:0001 mode=dfu state=dfuERROR')
        self.assertIn('Found DFU: [1209:0001]', out)

    def test_string_errors(self):
        spec = self.spec('d.json', plain_spec(None, string_errors=True))
        out = self.usbsim('dfu-util -l', specs=[spec]).output
        self.assertIn('Failed to retrieve string descriptor', out)
        self.assertIn('name="UNKNOWN", serial="UNKNOWN"', out)
