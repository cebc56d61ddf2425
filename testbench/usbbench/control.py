"""Control socket: lets PROGRAM (or a test) hotplug devices while it runs.

Line protocol over a Unix stream socket whose path is exported to PROGRAM as
$USBSIM_CONTROL. Each command gets zero or more data lines, then a final line
"ok[ DETAIL]" or "error MESSAGE". Commands:
    attach SPEC.json        -> ok PORT
    attach-cmd COMMAND      -> ok PORT     (external device process)
    detach PORT             -> ok
    list                    -> one line per port, then ok
"""
import os
import socket

from gi.repository import GLib

from .mainlock import locked


class ControlServer:
    def __init__(self, path, bench):
        self.path = path
        self.bench = bench
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.clients = {}
        self.watch = GLib.io_add_watch(self.sock.fileno(), GLib.PRIORITY_DEFAULT,
                                       GLib.IO_IN, self._accept)

    def _accept(self, *_):
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return True
        conn.setblocking(False)
        buf = bytearray()

        def readable(*_):
            try:
                chunk = conn.recv(4096)
            except BlockingIOError:
                return True
            except OSError:
                chunk = b''
            if not chunk:
                conn.close()
                return False
            buf.extend(chunk)
            while b'\n' in buf:
                line, _, rest = bytes(buf).partition(b'\n')
                buf[:] = rest
                reply = self.execute(line.decode('utf-8', 'replace').strip())
                conn.setblocking(True)
                try:
                    conn.sendall(reply.encode())
                except OSError:
                    pass
                conn.setblocking(False)
            return True
        GLib.io_add_watch(conn.fileno(), GLib.PRIORITY_DEFAULT,
                          GLib.IO_IN | GLib.IO_HUP | GLib.IO_ERR, readable)
        return True

    @locked
    def execute(self, line):
        cmd, _, rest = line.partition(' ')
        rest = rest.strip()
        try:
            if cmd == 'attach' and rest:
                from .spec import load
                port = self.bench.attach_spec(load(rest))
                return 'ok %s\n' % port.name
            if cmd == 'attach-cmd' and rest:
                port = self.bench.attach_command(rest)
                return 'ok %s\n' % port.name
            if cmd == 'detach' and rest:
                if self.bench.bus.detach(rest):
                    return 'ok\n'
                return 'error no device on port %s\n' % rest
            if cmd == 'list':
                return ''.join(line + '\n' for line in self.bench.describe()) + 'ok\n'
            if cmd == '':
                return ''
            return 'error unknown command %r (attach SPEC.json, attach-cmd COMMAND, detach PORT, list)\n' % cmd
        except Exception as e:      # a bad spec must not take the bench down
            return 'error %s\n' % (str(e).replace('\n', ' ') or type(e).__name__)

    def close(self):
        GLib.source_remove(self.watch)
        self.sock.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
