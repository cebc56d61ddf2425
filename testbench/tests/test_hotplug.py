"""Hotplug through the control socket is seen by a libusb hotplug listener."""
import os
import re
import socket
import sys
import tempfile
import time

from .helpers import BenchCase, HERE, PYTHON, TESTBENCH

sys.path.insert(0, TESTBENCH)
from usbbench import ctlclient  # noqa: E402

CTL = os.path.join(TESTBENCH, 'usbsim-ctl')
# A C program that listens to the kernel's uevents as libusb without udev does (linux_netlink.c), and prints the
# first USB device's: its first string, its sender's group and pid, and the uid of its credentials.
KERNEL_LISTENER = r"""#define _GNU_SOURCE
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
int main(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT), on = 1;
    struct sockaddr_nl me = { .nl_family = AF_NETLINK, .nl_groups = 1 }, sender;
    if (fd < 0 || bind(fd, (struct sockaddr *) &me, sizeof me) < 0
            || setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) < 0) { perror("netlink"); return 1; }
    printf("LISTENING\n"); fflush(stdout);
    for (;;) {
        char data[2048], control[CMSG_SPACE(sizeof(struct ucred))];
        struct iovec iov = { data, sizeof data - 1 };
        struct msghdr m = { .msg_name = &sender, .msg_namelen = sizeof sender, .msg_iov = &iov, .msg_iovlen = 1,
                            .msg_control = control, .msg_controllen = sizeof control };
        long n = recvmsg(fd, &m, 0);
        if (n <= 0) return 1;
        data[n] = 0;
        if (memmem(data, n, "DEVTYPE=usb_device", 18) == NULL) continue;
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        printf("UEVENT %s group=%u pid=%u uid=%d\n", data, sender.nl_groups, sender.nl_pid,
               c && c->cmsg_type == SCM_CREDENTIALS ? (int) ((struct ucred *) CMSG_DATA(c))->uid : -1);
        return 0;
    }
}
"""
# The start of a Python program (for `python3 -c`) that listens to uevents as libusb does: a netlink socket `s`,
# which umockdev's preload library connects to the bench.
UEVENT_LISTENER = ('import os, socket, sys, time; s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 15); '
                   's.bind((0, 1)); print("LISTENING", flush=True); ')


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

    def test_a_listener_of_the_kernels_uevents_hears_them_from_the_kernel(self):
        """libusb built without udev (the dfu-util DFU Tools ships) listens to the kernel's own uevents: group 1, from
        pid 0 and uid 0, "ACTION@DEVPATH" then the properties. umockdev sends only udevd's form (libudev's, group 2),
        which that libusb ignores: such a dfu-util lost each board it detached ("Lost device after RESET?")."""
        listener = self.compiled('kernel', KERNEL_LISTENER)
        spec = self.spec('kernel.json', {'runtime': {'pid': '0x00ab'}})
        out = self.usbsim('%s & sleep 0.5; %s attach %s >/dev/null; wait' % (listener, CTL, spec)).output
        self.assertIn('UEVENT add@/devices/usb1/1-2 group=1 pid=0 uid=0', out)

    def test_device_numbers_are_reused_after_many_replugs(self):
        # More attach/detach cycles than there are device numbers (127): each
        # number gets reused, which must neither abort the bench nor confuse libusb.
        spec = self.spec('cycle.json', {'runtime': {'pid': '0x00cc'}})
        # Several ports at once, so that a number comes back on another port than it left from.
        loop = ('for i in $(seq 50); do for n in 1 2 3; do %s attach %s >/dev/null || exit 9; done; '
                'for p in 1-2 1-3 1-4; do %s detach $p >/dev/null || exit 8; done; done; '
                'dfu-util -l' % (CTL, spec, CTL))
        result = self.usbsim(loop, timeout=240)
        self.assertEqual(result.returncode, 0, result.output[-2000:])
        self.assertIn('Found Runtime: [1209:0001]', result.output)

    def test_a_listener_that_does_not_read_does_not_stop_the_bench(self):
        # umockdev sends each uevent to every listener's socket without blocking and aborts the bench when one
        # listener's queue (net.unix.max_dgram_qlen, 10 here) is full: a program whose hotplug thread lagged behind
        # eight boards re-enumerating at once took the bench and every program with it. A kernel drops the event for
        # that listener instead.
        spec = self.spec('many.json', {'runtime': {'pid': '0x00dd'}})
        listener = (UEVENT_LISTENER + 'time.sleep(float(sys.argv[1])); s.setblocking(False)\n'
                    'n = 0\n'
                    'while True:\n'
                    '    try: s.recv(65536)\n'
                    '    except BlockingIOError: break\n'
                    '    n += 1\n'
                    'print("RECEIVED=%d" % n, flush=True)')
        script = ("%s -c '%s' 3 & sleep 1; for i in $(seq 12); do %s attach %s >/dev/null || echo ATTACH-FAILED; "
                  "%s detach 1-2 >/dev/null || echo DETACH-FAILED; done; dfu-util -l; wait; echo RC=$?"
                  % (PYTHON, listener, CTL, spec, CTL))
        result = self.usbsim(script, timeout=60)
        self.assertEqual(result.returncode, 0, result.output[-2000:])
        self.assertNotIn('FAILED', result.output)
        self.assertIn('Found Runtime: [1209:0001]', result.output)
        received = int(re.search(r'^RECEIVED=(\d+)$', result.output, re.M).group(1))
        self.assertGreaterEqual(received, 10, result.output)

    def test_a_host_opening_a_node_as_its_device_leaves_lives_on(self):
        # umockdev's preload looks a node's ioctl socket up, then connects to it, and exits the host's process when the
        # connect fails: the bench unlinking the socket between the two ended a test JVM that opened a board as it
        # left ("Failed to connect to ioctl socket"). A host opening a node that vanishes gets an error, as from a kernel.
        spec = self.spec('leaving.json', {'runtime': {'pid': '0x00ef'}})
        # It opens the nodes the bus lists, as libusb opens the devices it found: some vanish in between.
        opener = ('import os, time\n'
                  'end = time.time() + float(os.environ["OPEN_SECONDS"])\n'
                  'opened = 0\n'
                  'while time.time() < end:\n'
                  '    for name in os.listdir("/dev/bus/usb/001"):\n'
                  '        try: os.close(os.open("/dev/bus/usb/001/" + name, os.O_RDWR)); opened += 1\n'
                  '        except OSError: pass\n'
                  'print("OPENER-ALIVE opened=%d" % opened, flush=True)')
        script = ("%s -c '%s' & for i in $(seq 60); do %s attach %s >/dev/null || echo ATTACH-FAILED; "
                  "%s detach 1-2 >/dev/null || echo DETACH-FAILED; done; wait $!; echo OPENER-RC=$?"
                  % (PYTHON, opener, CTL, spec, CTL))
        result = self.usbsim(script, timeout=120, env=dict(os.environ, OPEN_SECONDS='12'))
        self.assertNotIn('Failed to connect', result.output, result.output[-2000:])
        self.assertIn('OPENER-RC=0', result.output, result.output[-2000:])
        self.assertRegex(result.output, r'OPENER-ALIVE opened=[1-9]')
        self.assertNotIn('FAILED', result.output)

    def test_a_device_is_announced_once_when_it_is_complete(self):
        # umockdev's add_device sends an "add" uevent at once, before the bench had written the descriptors and made
        # the node: libusb then found no node, waited 10 ms and opened it again. A kernel announces a device once.
        spec = self.spec('once.json', {'runtime': {'pid': '0x00ee'}})
        listener = (UEVENT_LISTENER + 's.settimeout(3)\n'
                    'while True:\n'
                    '    try: fields = s.recv(65536).split(b"\\0")\n'
                    '    except socket.timeout: break\n'
                    '    if b"ACTION=add" in fields:\n'
                    '        node = [os.path.join("/dev", f[8:].decode()) for f in fields if f.startswith(b"DEVNAME=")]\n'
                    '        there = bool(node) and os.path.exists(node[0])\n'
                    '        if b"DEVTYPE=usb_device" in fields: print("ADD", node, "NODE" if there else "NO-NODE", flush=True)')
        script = "%s -c '%s' & sleep 1; %s attach %s >/dev/null; wait" % (PYTHON, listener, CTL, spec)
        out = self.usbsim(script, timeout=30).output
        self.assertEqual(out.count("ADD ['/dev/bus/usb/001/003'] NODE"), 1, out)
        self.assertNotIn('NO-NODE', out)


class ControlSocketTest(BenchCase):
    def test_relative_spec_path_and_reader_that_never_reads(self):
        os.mkdir(self.path('sub'))
        self.spec('sub/hot.json', {'runtime': {'pid': '0x00bb'}})
        # A client floods "list" without reading its replies; the bench must
        # keep serving others (and PROGRAM's USB traffic) meanwhile.
        flood = ('import os, socket, time; s = socket.socket(socket.AF_UNIX); '
                 's.connect(os.environ["USBSIM_CONTROL"]); s.setblocking(False)\n'
                 'try:\n    for _ in range(20000): s.send(b"list\\n")\n'
                 'except BlockingIOError: pass\ntime.sleep(3)')
        out = self.usbsim('%s -c \'%s\' & sleep 0.5; cd sub && %s attach hot.json; echo RC=$?; '
                          'dfu-util -l; %s list; wait'
                          % (PYTHON, flood, CTL, CTL), timeout=30).output
        self.assertEqual(self.rc(out), 0, out)
        self.assertIn('ok 1-2', out)
        self.assertIn('Found Runtime: [1209:00bb]', out)
        self.assertRegex(out, r'1-2 devnum=3 \S+ 1209:00bb mode=runtime')

    def test_client_gives_up_on_a_silent_bench(self):
        with tempfile.TemporaryDirectory() as tmp, socket.socket(socket.AF_UNIX) as server:
            path = os.path.join(tmp, 'silent.sock')
            server.bind(path)
            server.listen(1)
            start = time.monotonic()
            with self.assertRaises(ctlclient.ControlError):
                ctlclient.request('list', path, timeout=0.5)
            self.assertLess(time.monotonic() - start, 3)
