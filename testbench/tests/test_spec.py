"""Spec files: the shipped default example, placeholders, and run-tests' own guard."""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from usbbench.spec import SpecError, load, normalize  # noqa: E402

TESTBENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class SpecTest(unittest.TestCase):
    def test_default_example_lists_the_defaults_except_its_output(self):
        # README: default.json lists every key with its default; it only
        # names an output file (firmware.bin) where the default is null.
        path = os.path.join(TESTBENCH, 'examples', 'default.json')
        spec = load(path, '/tmp')
        self.assertEqual(spec['dfu']['alts'][0].pop('output'), '/tmp/firmware.bin')
        defaults = normalize({}, '/tmp')
        self.assertIsNone(defaults['dfu']['alts'][0].pop('output'))
        self.assertEqual(spec, defaults)
        with open(path) as f:
            raw = json.load(f)
        self.assertEqual(set(raw), set(defaults))

    def test_dfu_placeholder(self):
        rt = normalize({'runtime': {'interfaces': [{'class': 2}]}})['runtime']
        self.assertEqual(rt['interfaces'][-1], {'dfu': True})
        rt = normalize({'runtime': {'interfaces': [{'dfu': True}, {'class': 2}]}})['runtime']
        self.assertEqual(rt['interfaces'][0], {'dfu': True})
        for bad in ([{'dfu': True}, {'dfu': True}], [{'dfu': True, 'class': 2}], [{'dfu': False}]):
            with self.assertRaises(SpecError):
                normalize({'runtime': {'interfaces': bad}})

    def test_run_tests_fails_when_no_test_runs(self):
        proc = subprocess.run([os.path.join(TESTBENCH, 'run-tests'), '-k', 'no-such-test-anywhere'],
                              stdout=subprocess.PIPE, timeout=60)
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(proc.stdout.endswith(b'testbench: 0 passed, 1 failed\n'), proc.stdout)
