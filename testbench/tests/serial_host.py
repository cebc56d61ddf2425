#!/usr/bin/python3
"""A serial host for test_serial.py, run under usbsim (plain os/termios calls, as a terminal program makes them).

    serial_host.py talk DEV BAUD LINES TEXT    raw mode at BAUD, even parity; reads LINES lines, sends TEXT + CR LF
                                               and reads up to its echo; prints TIOCMGET; closes
    serial_host.py hold DEV FLAG               reads a line, then holds the port until it hangs up (prints how it
                                               ended), then until the file FLAG exists; closes
Prints "LINE <text>" for each line read, "DONE" at the end.
"""
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time
import tty

TIOCMGET = 0x5415


def open_raw(dev, baud=termios.B9600, parity=0):
    fd = os.open(dev, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    attrs = termios.tcgetattr(fd)
    attrs[2] |= parity
    attrs[4] = attrs[5] = baud
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    return fd


def read_line(fd, pending, timeout=5.0):
    """The next line (without CR LF) and what follows it; None when the port hangs up or nothing comes."""
    end = time.monotonic() + timeout
    while b'\n' not in pending:
        if not select.select([fd], [], [], max(0, end - time.monotonic()))[0]:
            return None, pending
        chunk = os.read(fd, 256)
        if not chunk:
            return None, pending
        pending += chunk
    line, _, rest = pending.partition(b'\n')
    print('LINE ' + line.rstrip(b'\r').decode(), flush=True)
    return line.rstrip(b'\r').decode(), rest


def talk(dev, baud, count, text):
    fd = open_raw(dev, getattr(termios, 'B' + baud), termios.PARENB)
    pending = b''
    for _ in range(int(count)):
        _line, pending = read_line(fd, pending)
    os.write(fd, text.encode() + b'\r\n')
    line = ''
    while line is not None and not line.startswith('echo: '):
        line, pending = read_line(fd, pending)
    print('TIOCMGET 0x%03x' % struct.unpack('i', fcntl.ioctl(fd, TIOCMGET, b'\0' * 4))[0], flush=True)
    os.close(fd)


def hold(dev, flag):
    fd = open_raw(dev)
    read_line(fd, b'')
    start = time.monotonic()
    while True:     # a blocking read, which must end when the board leaves
        try:
            if not os.read(fd, 256):
                print('HUNG-UP read=EOF after %.1f s' % (time.monotonic() - start), flush=True)
                break
        except OSError as e:
            print('HUNG-UP read=%s' % os.strerror(e.errno), flush=True)
            break
    try:
        os.write(fd, b'x')
        print('WRITE ok', flush=True)
    except OSError as e:
        print('WRITE %s' % os.strerror(e.errno), flush=True)
    while not os.path.exists(flag):
        time.sleep(0.02)
    os.close(fd)


if __name__ == '__main__':
    signal.alarm(20)        # never hang a test
    {'talk': talk, 'hold': hold}[sys.argv[1]](*sys.argv[2:])
    print('DONE', flush=True)
