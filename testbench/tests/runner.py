"""Runs one test module for run-tests (in its own process).

Prints "@@COUNT N" first, then one "@@STATUS ID SECONDS" line per test (and
the failure detail after it), so the parent can tell a lost test from a passed
one.
"""
import sys
import time
import unittest


def flat(suite):
    for t in suite:
        yield from (flat(t) if isinstance(t, unittest.TestSuite) else [t])


def main(module, pattern):
    tests = [t for t in flat(unittest.defaultTestLoader.loadTestsFromName('tests.' + module))
             if pattern in t.id()]
    print('@@COUNT %d' % len(tests), flush=True)
    for test in tests:
        result = unittest.TestResult()
        t0 = time.monotonic()
        test.run(result)
        status = 'FAIL' if (result.failures or result.errors) else ('skip' if result.skipped else 'ok')
        print('@@%s %s %.1fs' % (status, test.id().replace('tests.', '', 1), time.monotonic() - t0),
              flush=True)
        detail = ''.join(x[1] for x in result.failures + result.errors)
        if detail:
            print(detail, flush=True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else '')
