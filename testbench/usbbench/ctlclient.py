"""Client side of the control socket ($USBSIM_CONTROL), see control.py."""
import os
import socket

CONTROL_ENV = 'USBSIM_CONTROL'
TIMEOUT = 10.0


class ControlError(Exception):
    pass


def request(command, path=None, timeout=TIMEOUT):
    """Send one command; returns the reply lines, the last being "ok..." or
    "error ...". Raises ControlError when the bench does not answer in time."""
    path = path or os.environ.get(CONTROL_ENV)
    if not path:
        raise ControlError('%s is not set (run under usbsim)' % CONTROL_ENV)
    reply = b''
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            s.sendall(command.encode() + b'\n')
            while True:
                lines = reply.decode('utf-8', 'replace').splitlines()
                if reply.endswith(b'\n') and lines and lines[-1].startswith(('ok', 'error')):
                    return lines
                chunk = s.recv(4096)
                if not chunk:
                    raise ControlError('connection closed before the reply ended')
                reply += chunk
    except socket.timeout:
        raise ControlError('no reply within %g s' % timeout)
    except OSError as e:
        raise ControlError(str(e))
