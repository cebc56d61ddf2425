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


class UnplugTest(BenchCase):
    """behaviour.unplug_at / unplug_at_block: the board is pulled out of its port at that point."""

    def run_case(self, script, log_name='ev.jsonl', **behaviour):
        spec = self.spec('d.json', plain_spec(self.path('out.bin'), **behaviour))
        log = self.path(log_name)
        out = self.usbsim(script + '; sleep 0.5; %s list' % os.path.join(TESTBENCH, 'usbsim-ctl'),
                          specs=[spec], log=log).output
        with open(log) as f:
            events = [json.loads(line) for line in f]
        return out, events

    def assert_pulled_out(self, out, events):
        self.assertNotIn('1-1 devnum', out, 'the port is empty afterwards')
        self.assertIn('detach', [e['event'] for e in events])

    def test_during_runtime_getstatus(self):
        out, events = self.run_case('dfu-util -e -E 1; echo RC=$?', unplug_at='runtime_getstatus')
        self.assertNotEqual(self.rc(out), 0, out)
        self.assert_pulled_out(out, events)
        failed = next(n for n, e in enumerate(events) if e['event'] == 'error')
        request = [e for e in events[:failed] if e['event'] == 'setup'][-1]
        self.assertEqual((request['bmRequestType'], request['bRequest']), (0xa1, 3), 'the GETSTATUS itself failed')

    def test_while_reenumerating_into_dfu_mode(self):
        out, events = self.run_case('dfu-util -e -E 1; echo RC=$?; dfu-util -l', unplug_at='dfu_reenumeration',
                                    reenumerate_delay_ms=400)
        self.assert_pulled_out(out, events)
        self.assertEqual(self.found(out), [])
        self.assertEqual([e['event'] for e in events if e['event'] == 'connect'], ['connect'], 'never back')

    def test_at_a_download_block(self):
        fw = self.firmware(size=20 * 1024)
        out, _events = self.run_case('dfu-util -E 1 -D %s; echo RC=$?' % fw, unplug_at_block=3)
        self.assertEqual(self.rc(out), 74, out)
        self.assertEqual(os.path.getsize(self.path('out.bin')), 3 * 2048)
        self.assert_pulled_out(out, _events)

    def test_during_manifestation(self):
        fw = self.firmware(size=4096)
        out, events = self.run_case('dfu-util -E 1 -D %s; echo RC=$?' % fw, unplug_at='manifestation',
                                    manifest_ms=400)
        self.assertNotEqual(self.rc(out), 0, out)
        self.assert_pulled_out(out, events)
        states = [e['new'] for e in events if e['event'] == 'state']
        self.assertEqual(states[-1], 'dfuMANIFEST')

    def test_while_the_application_comes_back(self):
        fw = self.firmware(size=4096)
        out, events = self.run_case('dfu-util -E 1 -R -D %s; echo RC=$?' % fw, unplug_at='application_reenumeration',
                                    reenumerate_delay_ms=400)
        self.assert_pulled_out(out, events)
        self.assertEqual(os.path.getsize(self.path('out.bin')), 4096, 'the download itself completed')


class StallAndGarbageTest(BenchCase):
    def test_stall_everything_answers_only_what_enumeration_needs(self):
        spec = self.spec('d.json', plain_spec(None, stall_everything=True))
        out = self.usbsim('dfu-util -l; dfu-util -e -E 1; echo RC=$?', specs=[spec]).output
        self.assertIn('Found Runtime: [1209:0001]', out)
        self.assertIn('serial="UNKNOWN"', out)
        self.assertNotEqual(self.rc(out), 0, out)

    def test_raw_configuration_is_published_as_the_kernel_keeps_it(self):
        # A configuration header whose one interface is followed by a descriptor of length 0.
        raw = '0902' + '1400' + '010100' + '8032' + '090400000 0fe0101 00'.replace(' ', '') + '0000'
        spec = self.spec('d.json', {'runtime': {'raw_configuration': raw}})
        log = self.path('ev.jsonl')
        out = self.usbsim('dfu-util -l; echo RC=$?; %s list' % os.path.join(TESTBENCH, 'usbsim-ctl'),
                          specs=[spec], log=log).output
        self.assertIn('1-1 devnum=2', out, 'enumerated and published')
        # As the kernel does, the bench keeps the configuration up to the bad descriptor: the DFU
        # interface is there, without its functional descriptor.
        self.assertIn('Found Runtime: [1209:0001]', out)
        with open(log) as f:
            bad = [json.loads(line) for line in f if '"invalid-descriptor"' in line]
        self.assertEqual([(e['offset'], e['length']) for e in bad], [(18, 0)])

    def test_claims_and_releases_are_logged(self):
        spec = self.spec('d.json', plain_spec(None))
        log = self.path('ev.jsonl')
        self.usbsim('dfu-util -e -E 1', specs=[spec], log=log)
        with open(log) as f:
            events = [json.loads(line) for line in f]
        self.assertEqual([(e['event'], e['interface']) for e in events if e['event'] in ('claim', 'release')],
                         [('claim', 0), ('release', 0)])
