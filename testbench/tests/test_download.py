"""dfu-util -D / -U: bytes land exactly in the output file and read back."""
import re

from .helpers import BenchCase, dfuse_spec, plain_spec


class DownloadTest(BenchCase):
    def test_plain_download_with_reset_returns_new_firmware(self):
        fw = self.firmware(size=100 * 1024 + 17)
        out_file = self.path('out.bin')
        raw = plain_spec(out_file)
        raw['start_mode'] = 'dfu'
        raw['runtime'] = {'bcdDevice_after_update': '0x0200'}
        out = self.usbsim('dfu-util -D %s -R; echo RC=$?; sleep 0.4; dfu-util -l' % fw,
                          specs=[self.spec('d.json', raw)]).output
        # -R: dfu-util reports the reset's LIBUSB_ERROR_NOT_FOUND (the device
        # re-enumerated in run-time mode) as its exit status.
        self.assertIn(self.rc(out), (0, 251), out)
        self.assertIn('Download done.', out)
        self.assertEqual(self.read(out_file), self.read(fw))
        self.assertEqual(self.found(out), [
            'Found Runtime: [1209:0001] ver=0200, devnum=3, cfg=1, intf=0, path="1-1", alt=0, '
            'name="DFU runtime", serial="SIM0001"'])

    def test_dfuse_leave_after_an_upload_starts_the_same_firmware(self):
        raw = dfuse_spec(self.path('flash.bin'))
        raw['start_mode'] = 'dfu'
        raw['runtime']['bcdDevice_after_update'] = '0x0200'
        raw['runtime']['bcdDevice'] = '0x0100'
        out = self.usbsim('dfu-util -a 0 -s 0x08000000:1024:leave -U %s; echo RC=$?; sleep 0.4; dfu-util -l'
                          % self.path('up.bin'), specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Found Runtime: [0483:5740] ver=0100', out)

    def test_upload_reads_back(self):
        fw = self.firmware(size=30000)
        out_file = self.path('out.bin')
        raw = plain_spec(out_file)
        raw['start_mode'] = 'dfu'
        up = self.path('up.bin')
        out = self.usbsim('dfu-util -D %s; echo RC=$?; dfu-util -U %s; echo UP=$?' % (fw, up),
                          specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertEqual(self.rc(out, 'UP'), 0, out)
        self.assertEqual(self.read(up), self.read(fw))

    def test_upload_of_initial_image(self):
        fw = self.firmware(size=4000)
        raw = {'start_mode': 'dfu', 'dfu': {'alts': [{'name': 'Flash', 'upload_file': fw}]}}
        up = self.path('up.bin')
        out = self.usbsim('dfu-util -U %s; echo UP=$?' % up, specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out, 'UP'), 0, out)
        self.assertEqual(self.read(up), self.read(fw))

    def test_dfuse_download_and_leave(self):
        fw = self.firmware(size=70000)
        flash = self.path('flash.bin')
        spec = self.spec('s.json', dfuse_spec(flash))
        out = self.usbsim(
            'dfu-util -d 0483:5740,0483:df11 -a 0 -E 1 -s 0x08000000:leave -D %s; echo RC=$?;'
            'sleep 0.4; dfu-util -l' % fw, specs=[spec]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('Erase    done.', out)
        self.assertIn('Submitting leave request...', out)
        self.assertEqual(self.read(flash), self.read(fw))
        self.assertEqual(self.found(out), [
            'Found Runtime: [0483:5740] ver=0100, devnum=4, cfg=1, intf=1, path="1-1", alt=0, '
            'name="DFU runtime", serial="SIM0001"'])

    def test_dfuse_offset_download_and_upload(self):
        fw = self.firmware(size=5000)
        flash = self.path('flash.bin')
        raw = dfuse_spec(flash)
        raw['start_mode'] = 'dfu'
        up = self.path('up.bin')
        out = self.usbsim(
            'dfu-util -a 0 -s 0x08004000 -D %s; echo RC=$?;'
            'dfu-util -a 0 -s 0x08004000:5000 -U %s; echo UP=$?' % (fw, up),
            specs=[self.spec('s.json', raw)]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertEqual(self.rc(out, 'UP'), 0, out)
        data = self.read(flash)
        self.assertEqual(data[:0x4000], b'\xff' * 0x4000)
        self.assertEqual(data[0x4000:], self.read(fw))
        self.assertEqual(self.read(up), self.read(fw))


class ParallelDownloadTest(BenchCase):
    """Several programs at once, as a flash of several boards runs them."""

    def test_eight_downloads_at_once_all_succeed(self):
        # umockdev binds each program's emulated netlink socket to a path named after its fd number: programs started
        # at once collided there and one failed to initialise libusb (exit 74). The bench's fixes library retries such a bind.
        fw = self.firmware(size=64 * 1024)
        specs, outputs = [], []
        for index in range(8):
            outputs.append(self.path('out-%d.bin' % index))
            raw = plain_spec(outputs[-1])
            raw['start_mode'] = 'dfu'
            specs.append(self.spec('d%d.json' % index, raw))
        rounds = 6
        script = ('for round in $(seq %d); do pids=""; for port in $(seq 8); do dfu-util -p 1-$port -a 0 -D %s '
                  '>/dev/null 2>&1 & pids="$pids $!"; done; for pid in $pids; do wait $pid || echo FAILED; done; '
                  'echo ROUND; done' % (rounds, fw))
        out = self.usbsim(script, specs=specs, timeout=120).output
        self.assertEqual(out.count('ROUND'), rounds, out)
        self.assertNotIn('FAILED', out)
        for output in outputs:
            self.assertEqual(self.read(output)[:64 * 1024], self.read(fw))

    def test_programs_get_the_benchs_fixes_before_umockdev(self):
        out = self.usbsim('echo "PRELOAD=$LD_PRELOAD"').output
        preload = re.search(r'^PRELOAD=(.*)$', out, re.M).group(1).split(':')
        self.assertTrue(preload[0].endswith('/umockdev_fixes.so'), preload)
        self.assertEqual(preload[1], 'libumockdev-preload.so.0', preload)
