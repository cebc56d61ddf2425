"""--log writes one JSON line per event with monotonic µs timestamps."""
import json

from .helpers import BenchCase, plain_spec


class EventLogTest(BenchCase):
    def test_log_lines(self):
        log = self.path('ev.jsonl')
        spec = self.spec('d.json', plain_spec(None, runtime_getstatus='stall'))
        self.usbsim('dfu-util -e; sleep 0.3', specs=[spec], log=log)
        with open(log) as f:
            records = [json.loads(line) for line in f]
        kinds = {r['event'] for r in records}
        for kind in ('attach', 'connect', 'setup', 'reply', 'stall', 'reset', 'state', 'disconnect'):
            self.assertIn(kind, kinds)
        stamps = [r['t_us'] for r in records]
        self.assertEqual(stamps, sorted(stamps))
        self.assertTrue(all(r['port'] == '1-1' for r in records))
        states = [(r['old'], r['new']) for r in records if r['event'] == 'state']
        self.assertIn(('appIDLE', 'appDETACH'), states)
        self.assertIn(('appDETACH', 'dfuIDLE'), states)
        detach = [r for r in records if r['event'] == 'setup' and r['bmRequestType'] == 0x21
                  and r['bRequest'] == 0]
        self.assertEqual(detach[0]['wValue'], 1000)
