#!/usr/bin/python3
"""Run under usbsim with 8 DFU-mode boards on ports 1-1..1-8: a 64 KiB `dfu-util -D` on one board, then on all 8 at
once, with the CPU time each download costs the bench (the parent process) and dfu-util. Prints one line of
key=value figures (medians, ms). Usage: parallel_downloads.py FIRMWARE ROUNDS"""
import os
import resource
import statistics
import subprocess
import sys
import time

TICK_MS = 1000.0 / os.sysconf('SC_CLK_TCK')


def _stat(pid):
    with open('/proc/%d/stat' % pid) as f:
        return f.read().rsplit(')', 1)[1].split()


def _bench_pid():
    """The nearest ancestor that is usbsim itself (a shell may stand between)."""
    pid = os.getppid()
    while pid > 1:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            if any(arg.endswith(b'/usbsim') for arg in f.read().split(b'\0')):
                return pid
        pid = int(_stat(pid)[1])
    sys.exit('not running under usbsim')


BENCH = _bench_pid()


def bench_cpu_ms():
    fields = _stat(BENCH)
    return (int(fields[11]) + int(fields[12])) * TICK_MS      # utime + stime


def children_cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def download(ports, firmware):
    runs = [subprocess.Popen(['dfu-util', '-p', port, '-a', '0', '-D', firmware], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL) for port in ports]
    if any(run.wait() != 0 for run in runs):
        sys.exit('dfu-util -D failed')


def main(firmware, rounds):
    ports = ['1-%d' % n for n in range(1, 9)]
    download(ports[:1], firmware)       # warm-up
    one, eight, bench, tool = [], [], [], []
    for _ in range(rounds):
        bench0, tool0, start = bench_cpu_ms(), children_cpu_ms(), time.monotonic()
        download(ports[:1], firmware)
        one.append((time.monotonic() - start) * 1000)
        bench.append(bench_cpu_ms() - bench0)
        tool.append(children_cpu_ms() - tool0)
        start = time.monotonic()
        download(ports, firmware)
        eight.append((time.monotonic() - start) * 1000)
    print('one_ms=%.0f eight_ms=%.0f bench_cpu_ms=%.0f dfu_util_cpu_ms=%.0f cores=%d'
          % (tuple(map(statistics.median, (one, eight, bench, tool))) + (os.cpu_count(),)))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]))
