"""Child processes of the bench (PROGRAM and device processes).

They must not inherit the bench's own umockdev preload (usbsim re-executes
itself under umockdev-wrapper), and they must not outlive the bench when it is
killed without a chance to clean up.
"""
import ctypes
import os
import signal

ORIG_PRELOAD_ENV = 'USBSIM_ORIG_LD_PRELOAD'
PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)
_prctl = _libc.prctl     # looked up before fork: the child only calls it


def environment(**extra):
    """os.environ with LD_PRELOAD as it was before usbsim re-executed itself."""
    env = dict(os.environ)
    env['LD_PRELOAD'] = env.pop(ORIG_PRELOAD_ENV, '')
    if not env['LD_PRELOAD']:
        del env['LD_PRELOAD']
    env.update(extra)
    return env


def die_with_parent(sig=signal.SIGKILL):
    """A preexec_fn: the child gets `sig` when the bench process dies."""
    parent = os.getpid()

    def preexec():
        _prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:      # the bench died before prctl took effect
            os._exit(1)
    return preexec
