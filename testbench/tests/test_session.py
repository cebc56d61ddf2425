"""usbsim as a process: exit status, usage errors, clean-up, output directory."""
import os
import signal
import subprocess
import time

from .helpers import BenchCase, EXAMPLES, USBSIM, plain_spec, run


def processes_with(*argv):
    """PIDs whose argument list starts with these arguments (after the
    interpreter, for scripts)."""
    needle = b'\0' + b'\0'.join(a.encode() for a in argv) + b'\0'
    found = []
    for pid in os.listdir('/proc'):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                args = b'\0' + f.read()
            if args.startswith(needle) or args.startswith(b'\0/usr/bin/python3' + needle):
                found.append(int(pid))
        except (OSError, ValueError):
            pass
    return found


def wait_until(predicate, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


class SessionTest(BenchCase):
    def tmpdir(self):
        path = self.path('tmp')
        os.mkdir(path)
        return dict(os.environ, TMPDIR=path), path

    def test_usage_errors_exit_64(self):
        for args in (['--bogus', '--', 'true'], ['--device'], []):
            proc = run([USBSIM] + args)
            self.assertEqual(proc.returncode, 64, (args, proc.output))
            self.assertIn('usage: usbsim', proc.output)

    def test_bad_log_path_is_a_clean_error(self):
        env, tmp = self.tmpdir()
        proc = run([USBSIM, '--log', '/nonexistent/x.jsonl', '--', 'true'], env=env)
        self.assertEqual(proc.returncode, 64, proc.output)
        self.assertIn('usbsim: ', proc.output)
        self.assertIn('/nonexistent/x.jsonl', proc.output)
        self.assertNotIn('Traceback', proc.output)
        self.assertEqual(os.listdir(tmp), [])

    def test_temporary_dirs_removed_at_exit(self):
        env, tmp = self.tmpdir()
        proc = self.usbsim('ls "$UMOCKDEV_DIR" >/dev/null && echo DIR=$USBSIM_OUTPUT_DIR; exit 3', env=env)
        self.assertEqual(proc.returncode, 3, proc.output)
        self.assertTrue(proc.output.split('DIR=')[1].startswith(tmp), proc.output)
        self.assertEqual(os.listdir(tmp), [])

    def test_killed_usbsim_takes_program_and_devices_along(self):
        env, _ = self.tmpdir()
        device = (os.path.join(EXAMPLES, 'example_dfu_device.py'), self.path('ext-out.bin'))
        program = ('sleep', '102.5')
        proc = subprocess.Popen([USBSIM, '--device-cmd', 'exec %s %s' % device, '--'] + list(program),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.assertTrue(wait_until(lambda: processes_with(*program)))
            self.assertTrue(processes_with(*device))
            proc.kill()
            proc.wait()
            self.assertTrue(wait_until(lambda: not processes_with(*program)
                                       and not processes_with(*device), 5))
        finally:
            for pid in processes_with(*program) + processes_with(*device):
                os.kill(pid, signal.SIGKILL)

    def test_output_created_at_first_download_in_output_dir(self):
        outdir = self.path('outdir')
        os.mkdir(outdir)
        with open(os.path.join(outdir, 'out.bin'), 'wb') as f:
            f.write(b'earlier session')
        raw = plain_spec('out.bin')
        raw['start_mode'] = 'dfu'
        spec = self.spec('d.json', raw)
        # Attaching keeps an earlier result; relative outputs go to --output-dir.
        out = self.usbsim('echo DIR=$USBSIM_OUTPUT_DIR; cat "$USBSIM_OUTPUT_DIR/out.bin"; echo',
                          specs=[spec], extra=['--output-dir', 'outdir']).output
        self.assertIn('DIR=%s\n' % outdir, out)
        self.assertIn('earlier session', out)
        fw = self.firmware(size=3000)
        out = self.usbsim('dfu-util -D %s; echo RC=$?' % fw, specs=[spec],
                          extra=['--output-dir', outdir]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertEqual(self.read(os.path.join(outdir, 'out.bin')), self.read(fw))
        self.assertFalse(os.path.exists(self.path('out.bin')))

    def test_default_output_dir_is_temporary(self):
        raw = plain_spec('out.bin')
        raw['start_mode'] = 'dfu'
        fw = self.firmware(size=3000)
        out = self.usbsim('dfu-util -D %s; echo RC=$?; cmp %s "$USBSIM_OUTPUT_DIR/out.bin" && echo SAME;'
                          'echo DIR=$USBSIM_OUTPUT_DIR' % (fw, fw),
                          specs=[self.spec('d.json', raw)]).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('SAME', out)
        outdir = out.split('DIR=')[1].strip()
        self.assertTrue(os.path.isabs(outdir))
        self.assertFalse(os.path.exists(outdir))
        self.assertFalse(os.path.exists(self.path('out.bin')))


class ForkingProgramTest(BenchCase):
    """A program under the bench that forks while another of its threads works with files, as browsers and GLib's
    process spawning do."""

    def test_a_child_forked_while_another_thread_opens_files_can_open_files(self):
        # umockdev's preload holds its path lock across each open() and stat() of a program: a child forked while
        # another thread held it inherited it held, and waited forever in its first open() (a headless Chromium
        # under the bench never loaded a page so).
        out = self.usbsim(self.compiled('forker', FORKER, '-lpthread'), timeout=120).output
        self.assertIn('FORKED 400 CHILDREN', out)
        self.assertNotIn('HUNG', out)


FORKER = r'''
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *open_files(void *unused)
{
	for (;;) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	return unused;
}

int main(void)
{
	pthread_t thread;
	pthread_create(&thread, 0, open_files, 0);
	for (int child = 0; child < 400; child++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(open("/dev/null", O_RDONLY) >= 0 ? 0 : 1);
		int status = 0, ended = 0;
		for (int ms = 0; ms < 5000 && ended == 0; ms++)
			if ((ended = waitpid(pid, &status, WNOHANG)) == 0)
				usleep(1000);
		if (ended == 0) {
			printf("HUNG: child %d has not ended 5 s after its fork\n", child);
			kill(pid, SIGKILL);
			return 1;
		}
	}
	printf("FORKED 400 CHILDREN\n");
	return 0;
}
'''
