"""Shared helpers: run programs under usbsim with specs written to a temp dir."""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest

from usbbench import packages

HERE = os.path.dirname(os.path.abspath(__file__))
TESTBENCH = os.path.dirname(HERE)
USBSIM = os.path.join(TESTBENCH, 'usbsim')
EXAMPLES = os.path.join(TESTBENCH, 'examples')
PYTHON = '/usr/bin/python3'


def clean(text):
    """dfu-util progress bars use \\r; keep the text line-oriented."""
    return text.replace('\r', '\n')


def run(args, timeout=60, **kwargs):
    """subprocess.run with stdout+stderr as text in .output; on timeout the
    process gets SIGTERM (usbsim cleans up and stops PROGRAM) before SIGKILL."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        raise
    result = subprocess.CompletedProcess(args, proc.returncode, stdout)
    result.output = clean(stdout.decode('utf-8', 'replace'))
    return result


class BenchCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='usbsim-test.')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def compiled(self, name, source, *flags):
        """The C program `source` built as `name` in the test's folder; the test is skipped where there is no C
        compiler."""
        compiler = packages.compiler()
        if compiler is None:
            self.skipTest('no C compiler')
        program = self.path(name)
        with open(program + '.c', 'w') as out:
            out.write(source)
        subprocess.run([compiler, '-o', program, program + '.c', *flags], check=True)
        return program

    def spec(self, name, spec):
        path = self.path(name)
        with open(path, 'w') as f:
            json.dump(spec, f)
        return path

    def firmware(self, name='fw.bin', size=100 * 1024):
        path = self.path(name)
        with open(path, 'wb') as f:
            f.write(os.urandom(size))
        return path

    def usbsim(self, script, specs=(), cmds=(), log=None, timeout=60, extra=(), env=None):
        """Run a shell script under usbsim; returns CompletedProcess (text)."""
        args = [USBSIM]
        for s in specs:
            args += ['--device', s]
        for c in cmds:
            args += ['--device-cmd', c]
        if log:
            args += ['--log', log]
        args += list(extra) + ['--', 'sh', '-c', script]
        return run(args, timeout=timeout, cwd=self.tmp, env=env)

    def found(self, output):
        return re.findall(r'^Found (?:Runtime|DFU): .*$', output, re.M)

    def rc(self, output, tag='RC'):
        m = re.search(r'^%s=(\d+)$' % tag, output, re.M)
        self.assertIsNotNone(m, output)
        return int(m.group(1))

    def read(self, path):
        with open(path, 'rb') as f:
            return f.read()


def dfuse_spec(output, **behaviour):
    return {
        'name': 'stm32-like',
        'runtime': {'vid': '0x0483', 'pid': '0x5740', 'product': 'Board',
                    'interfaces': [{'class': 2, 'subclass': 2, 'protocol': 1, 'name': 'CDC control'}],
                    'functional': {'attributes': '0x0b', 'transfer_size': 2048, 'version': '0x011a'}},
        'dfu': {'vid': '0x0483', 'pid': '0xdf11', 'product': 'STM32 BOOTLOADER', 'serial': 'BOOT1',
                'functional': {'attributes': '0x0b', 'transfer_size': 2048, 'version': '0x011a'},
                'alts': [{'name': '@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg',
                          'output': output},
                         {'name': '@Option Bytes  /0x1FFFC000/01*016 e'}]},
        'behaviour': dict({'reenumerate_delay_ms': 50}, **behaviour),
    }


def plain_spec(output, **behaviour):
    return {
        'dfu': {'alts': [{'name': 'Flash', 'output': output}]},
        'behaviour': dict({'reenumerate_delay_ms': 50}, **behaviour),
    }
