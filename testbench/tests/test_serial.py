"""CDC ACM serial ports: the board's side (cdc_device.py), the kernel's cdc_acm as the bench plays it (cdc_acm.py)
and what a host sees of both: /dev/ttyACMn, its sysfs entry, the requests, the 1200-baud touch."""
import json
import os
import re
import sys
import unittest

from .helpers import BenchCase, EXAMPLES, HERE, PYTHON, TESTBENCH

sys.path.insert(0, TESTBENCH)
from usbbench import cdc_device as C  # noqa: E402
from usbbench.dfu_device import DfuDevice  # noqa: E402
from usbbench.spec import SpecError, normalize  # noqa: E402
from usbbench.usb_device import Setup  # noqa: E402

CTL = os.path.join(TESTBENCH, 'usbsim-ctl')
HOST = '%s %s' % (PYTHON, os.path.join(HERE, 'serial_host.py'))
# The ttys there are, on one line: the nodes that exist (a node whose tty went points nowhere: cdc_acm._point).
TTYS = 'echo "TTYS:$(for n in /dev/ttyACM*; do [ -e "$n" ] && printf " %s" "$n"; done)"'
# A blocked read ends with EIO (the pty's master closed), a later one reads EOF (the file is hung up); writes fail.
HUNG_UP = r'HUNG-UP read=(EOF after 0\.\d s|Input/output error)\nWRITE Input/output error\n'
MONITOR, TOUCH, IGNORED = (os.path.join(EXAMPLES, name) for name in
                           ('cdc-monitor.json', 'mbed-touch.json', 'touch-ignored.json'))


def cdc_pair(**serial_port):
    return [{'class': 2, 'subclass': 2, 'protocol': 1, 'serial_port': serial_port},
            {'class': 10, 'endpoints': [{'address': '0x81', 'type': 'bulk'}, {'address': '0x01', 'type': 'bulk'}]}]


class Host:
    """What DfuDevice needs of a port, recording what the board does."""

    def __init__(self):
        self.events, self.sent, self.left, self.timers = [], b'', [], []

    def log(self, event, **fields):
        self.events.append((event, fields))

    def call_later(self, ms, fn):
        self.timers.append(fn)
        return len(self.timers)

    def cancel(self, source):
        self.timers[source - 1] = None

    def fire(self):
        """Runs the timers due; one that returns False is done, as a GLib timeout."""
        for n, fn in enumerate(list(self.timers)):
            if fn and not fn():
                self.timers[n] = None

    def leave_bus(self, ms, now=False):
        self.left.append(ms)

    def bulk_in(self, ep, data):
        self.sent += data
        return len(data)


def request(device, bm, req, value=0, data=b'', length=None):
    return device.control(Setup.make(bm, req, value, 0, len(data) if length is None else length), data)


class SerialSpecAndBoardTest(unittest.TestCase):
    def test_spec_keys(self):
        rt = normalize({'runtime': {'dfu_interface': False, 'interfaces': cdc_pair()}})['runtime']
        self.assertEqual(len(rt['interfaces']), 2, 'no DFU interface is added')
        self.assertEqual(rt['interfaces'][0]['serial_port'],
                         {'lines': ['count %(n)d'], 'every_ms': 200, 'echo': True, 'banner': None})
        bad = [
            {'runtime': {'interfaces': [{'class': 0xff, 'serial_port': {}}]}},          # not a CDC ACM interface
            {'runtime': {'interfaces': cdc_pair()[:1]}},                                # no data interface
            {'runtime': {'interfaces': cdc_pair(lines=['%(x)d'])}},                     # unknown placeholder
            {'runtime': {'interfaces': cdc_pair(every_ms=0)}},
            {'runtime': {'interfaces': cdc_pair(colour='red')}},
            {'runtime': {'dfu_interface': False, 'interfaces': [{'dfu': True}] + cdc_pair()}},
            {'behaviour': {'touch_1200': 'sometimes'}},
        ]
        for raw in bad:
            with self.assertRaises(SpecError, msg=json.dumps(raw)):
                normalize(raw)

    def board(self, touch=None, **serial_port):
        self.host = Host()
        return DfuDevice(normalize({'runtime': {'dfu_interface': False, 'interfaces': cdc_pair(**serial_port)},
                                    'behaviour': {'touch_1200': touch}}), self.host)

    def test_board_prints_echoes_and_keeps_its_line_coding(self):
        board = self.board(banner='hi %(n)d', lines=['a %(n)d', 'b %(n)d'])
        self.assertIsNone(board.current_dfu_interface)
        request(board, 0x21, C.SET_CONTROL_LINE_STATE, C.DTR | C.RTS)
        for _ in range(3):      # the banner once the sketch has noticed DTR, then a line at each tick
            self.host.fire()
        self.assertEqual(board.data_out(0x01, b'one\r\ntwo\r'), b'')
        self.assertEqual(self.host.sent, b'hi 0\r\na 1\r\nb 2\r\necho: one\r\necho: two\r\n')
        request(board, 0x21, C.SET_LINE_CODING, data=bytes.fromhex('00c2010000 0208'))
        self.assertEqual(request(board, 0xa1, C.GET_LINE_CODING, length=7), bytes.fromhex('00c2010000 0208'))
        request(board, 0x21, C.SET_CONTROL_LINE_STATE, 0)
        self.assertEqual([t for t in self.host.timers if t], [], 'it stops printing when DTR drops')
        self.assertEqual(self.host.left, [])

    def test_touch_reboots_or_is_ignored(self):
        for touch, left in (('reboot', [100]), (None, [])):
            board = self.board(touch)
            request(board, 0x21, C.SET_CONTROL_LINE_STATE, C.DTR)
            request(board, 0x21, C.SET_LINE_CODING, data=bytes.fromhex('b0040000 000008'))   # 1200 baud
            request(board, 0x21, C.SET_CONTROL_LINE_STATE, 0)
            self.assertIn(('touch-1200', {'action': touch or 'ignored'}), self.host.events)
            self.host.fire()
            self.assertEqual(self.host.left, left)
            self.assertEqual(board.mode, 'dfu' if touch else 'runtime')


class SerialPortTest(BenchCase):
    def events(self, log, *kinds):
        with open(log) as f:
            records = [json.loads(line) for line in f]
        return [r for r in records if r['event'] in kinds]

    def test_descriptors_and_the_tty_come_and_go_with_the_board(self):
        tty = '$UMOCKDEV_DIR/sys/devices/usb1/1-1/1-1:1.0/tty/ttyACM0'
        show = (TTYS + '; readlink $UMOCKDEV_DIR/sys/class/tty/ttyACM0; cat %s/uevent %s/dev; '
                'readlink %s/device $UMOCKDEV_DIR/sys/bus/usb/devices/1-1:1.0/driver; '
                'echo "LOCATION=$(cat /sys/class/tty/ttyACM0/device/../busnum)-'
                '$(cat /sys/class/tty/ttyACM0/device/../devpath)"; stat -c "NODE %%F %%t:%%T" /dev/ttyACM0; '
                '%s -c "import os; fd = os.open(\'/dev/ttyACM0\', os.O_RDWR | os.O_NOCTTY); '
                'print(\'ISATTY\', os.isatty(fd), os.path.realpath(\'/dev/ttyACM0\'))"' % (tty, tty, tty, PYTHON))
        out = self.usbsim('lsusb -v -d 1209:0020; dfu-util -l; %s; %s list; %s detach 1-1; %s'
                          % (show, CTL, CTL, show), specs=[MONITOR]).output
        # lsusb adds class names ("2 Communications") only where udev's hardware database is installed: the
        # numbers are what the bench publishes.
        for pattern in (r'Interface Association:', r'bFunctionClass +2\b', r'bInterfaceClass +2\b',
                        r'bInterfaceSubClass +2\b', r'bInterfaceClass +10\b', r'CDC Union:'):
            self.assertRegex(out, pattern)
        self.assertIn('Found Runtime: [1209:0020] ver=0100, devnum=2, cfg=1, intf=2, path="1-1"', out)
        before, _, after = out.partition('\nok\n')
        self.assertIn('TTYS: /dev/ttyACM0\n../../devices/usb1/1-1/1-1:1.0/tty/ttyACM0\n'
                      'SUBSYSTEM=tty\nDEVNAME=ttyACM0\nMAJOR=166\nMINOR=0\n166:0\n'
                      '../../../1-1:1.0\n../../../../bus/usb/drivers/cdc_acm\nLOCATION=1-1\n'
                      'NODE character special file a6:0\nISATTY True /dev/ttyACM0\n', before)
        self.assertRegex(before, r'1-1 devnum=2 /dev/bus/usb/001/002 1209:0020 mode=runtime state=appIDLE '
                                 r'tty=/dev/ttyACM0 name=')
        self.assertIn('TTYS:\n', after)
        self.assertNotIn('TTYS: /dev', after)
        self.assertNotIn('ttyACM0\nSUBSYSTEM', after)
        self.assertNotIn('ISATTY', after)

    def test_a_host_reads_the_board_writes_to_it_and_sets_its_line_coding(self):
        log = self.path('events.jsonl')
        out = self.usbsim('%s talk /dev/ttyACM0 115200 3 hello; %s 0x1209 0x0020 0xa1 0x21 0 0 7'
                          % (HOST, os.path.join(HERE, 'libusb_control.py')), specs=[MONITOR], log=log).output
        lines = re.findall(r'^LINE (.*)$', out, re.M)
        self.assertEqual(lines[:3], ['CDC monitor board ready', 'count 1', 'count 2'], out)
        self.assertIn('echo: hello', lines)
        self.assertIn('TIOCMGET 0x026', out)        # DTR, RTS and CTS, as cdc_acm answers
        self.assertIn('RC=7 DATA=00c20100000208', out)      # GET_LINE_CODING: the board kept 115200 8E1
        seen = [(r['event'], r.get('rate', r.get('dtr'))) for r in self.events(
            log, 'tty-add', 'tty-open', 'tty-close', 'line-coding', 'control-line-state')]
        self.assertEqual(seen, [('tty-add', None), ('line-coding', 9600), ('tty-open', None),
                                ('control-line-state', True), ('line-coding', 115200), ('tty-close', None),
                                ('control-line-state', False)])
        self.assertEqual(self.events(log, 'line-coding')[1]['parity'], 2)
        setup = self.events(log, 'setup')
        self.assertIn({'bmRequestType': 0x21, 'bRequest': 0x22, 'wValue': 3, 'wIndex': 0, 'wLength': 0},
                      [{k: r[k] for k in ('bmRequestType', 'bRequest', 'wValue', 'wIndex', 'wLength')} for r in setup])

    def test_the_1200_baud_touch_reboots_a_board_into_dfu_mode_and_another_ignores_it(self):
        log = self.path('events.jsonl')
        out = self.usbsim('dfu-util -l; %s; stty -F /dev/ttyACM0 1200; stty -F /dev/ttyACM1 1200; '
                          'sleep 0.6; dfu-util -l; %s; %s list' % (TTYS, TTYS, CTL),
                          specs=[TOUCH, IGNORED], log=log).output
        first, _, second = out.partition('TTYS: /dev/ttyACM0 /dev/ttyACM1\n')
        self.assertEqual(self.found(first), [], 'no DFU interface at run-time')
        self.assertEqual(self.found(second), [
            'Found DFU: [2341:035b] ver=0100, devnum=4, cfg=1, intf=0, path="1-1", alt=0, name="Flash", '
            'serial="002B00283137510B33333837"'])
        self.assertIn('TTYS: /dev/ttyACM1\n1-1 devnum=4', second)
        self.assertRegex(second, r'1-2 devnum=3 /dev/bus/usb/001/003 1209:0022 mode=runtime state=appIDLE '
                                 r'tty=/dev/ttyACM1')
        self.assertEqual([(r['port'], r['action']) for r in self.events(log, 'touch-1200')],
                         [('1-1', 'reboot'), ('1-2', 'ignored')])

    def test_a_board_back_while_its_old_port_is_held_gets_the_next_number(self):
        # As the kernel keeps a tty until its last close: the board re-enumerates (DETACH into DFU mode, a download,
        # back to its application) while a program still holds ttyACM0, which has hung up.
        firmware = self.firmware(size=4096)
        flag = self.path('close-now')
        out = self.usbsim('%s hold /dev/ttyACM0 %s & sleep 0.5; dfu-util -e >/dev/null; sleep 0.3; '
                          'dfu-util -D %s -R >/dev/null 2>&1; sleep 0.3; %s; touch %s; wait; '
                          '%s detach 1-1 >/dev/null; %s attach %s >/dev/null; %s'
                          % (HOST, flag, firmware, TTYS, flag, CTL, CTL, MONITOR, TTYS), specs=[MONITOR]).output
        self.assertIn('LINE CDC monitor board ready', out)
        self.assertRegex(out, HUNG_UP)
        held, _, released = out.partition('DONE\n')
        self.assertIn('TTYS: /dev/ttyACM1\n', held)
        self.assertEqual(released, 'TTYS: /dev/ttyACM0\n')

    def test_a_host_looking_at_the_ports_while_boards_come_and_go_lives(self):
        """umockdev's preload lstat()s a node, then readlink()s it, and aborts the host when the link went in between
        (a JVM listing serial ports died so while a board left). A C program that lstat()s the node all the time, as
        jSerialComm does, while the board is plugged and pulled 20 times, and for two seconds after the last pull,
        must live."""
        out = self.while_boards_come_and_go(
            'struct stat st; if (lstat("/dev/ttyACM0", &st) == 0) seen++;', hosts=1)
        self.assertRegex(out, r'LIVED [1-9]')
        self.assertNotIn('Assertion', out)

    def test_hosts_opening_a_port_while_its_board_comes_and_goes_live(self):
        """umockdev's preload connects a failed open of a node to the node's ioctl socket while there is one, and
        aborts the host when its table of 50 such connections is full: three programs that opened the port each
        millisecond while the board was plugged and pulled 20 times all died so. They must live, and open the
        port while the board is in."""
        out = self.while_boards_come_and_go(
            'int fd = open("/dev/ttyACM0", O_RDWR | O_NOCTTY | O_NONBLOCK); if (fd >= 0) { seen++; close(fd); }'
            ' usleep(1000);', hosts=3)
        self.assertEqual(len(re.findall(r'LIVED [1-9]', out)), 3, out)
        self.assertNotIn('overflow', out)
        self.assertNotIn('ERROR', out)

    def while_boards_come_and_go(self, step, hosts):
        """The output of `hosts` C programs that run `step` (counting in `seen`) over and over while a board is
        plugged and pulled 20 times, and for two seconds after the last pull; each prints "LIVED <seen>"."""
        host = self.compiled('host', '#include <fcntl.h>\n#include <stdio.h>\n#include <sys/stat.h>\n#include <unistd.h>\n'
                             'int main(int argc, char **argv) { long seen = 0;\n'
                             '  while (access(argv[1], F_OK) != 0) { %s }\n'
                             '  printf("LIVED %%ld\\n", seen); return 0; }\n' % step)
        stop = self.path('stop')
        cycles = '; '.join(['%s detach 1-1 >/dev/null; %s attach %s >/dev/null' % (CTL, CTL, IGNORED)] * 20)
        # The last pull leaves the board out, and the hosts looking a while longer.
        return self.usbsim('%s sleep 0.3; %s; %s detach 1-1 >/dev/null; sleep 2; touch %s; wait'
                           % ('%s %s & ' % (host, stop) * hosts, cycles, CTL, stop),
                           specs=[IGNORED], timeout=120).output

    def test_a_reader_of_a_board_pulled_out_gets_eof_not_a_hang(self):
        out = self.usbsim('%s hold /dev/ttyACM0 /dev/null & sleep 0.5; %s detach 1-1; wait'
                          % (HOST, CTL), specs=[IGNORED]).output
        self.assertIn('LINE tick 1', out)
        self.assertRegex(out, HUNG_UP + r'DONE\n')
