"""One lock for all bench state.

umockdev answers ioctls on its own worker thread while timers, the control
socket and external-device pipes are served by the main loop; every entry
point into device or bus state takes this lock so they never interleave.
"""
import functools
import threading

LOCK = threading.RLock()


def locked(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with LOCK:
            return fn(*args, **kwargs)
    return wrapper
