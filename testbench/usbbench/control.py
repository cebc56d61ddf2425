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


class Client:
    """One connection. Replies are queued and written when the socket is
    writable, so a client that does not read never blocks the bench."""

    def __init__(self, server, conn):
        self.server = server
        self.conn = conn
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.out_watch = None
        conn.setblocking(False)
        self.in_watch = GLib.io_add_watch(conn.fileno(), GLib.PRIORITY_DEFAULT,
                                          GLib.IO_IN | GLib.IO_HUP | GLib.IO_ERR, self._readable)

    def _readable(self, *_):
        try:
            chunk = self.conn.recv(4096)
        except BlockingIOError:
            return True
        except OSError:
            chunk = b''
        if not chunk:
            self.in_watch = None
            self._close_when_flushed()
            return False
        self.inbuf.extend(chunk)
        while b'\n' in self.inbuf:
            line, _, rest = bytes(self.inbuf).partition(b'\n')
            self.inbuf[:] = rest
            self.outbuf += self.server.execute(line.decode('utf-8', 'replace').strip()).encode()
        self._flush()
        return True

    def _flush(self, *_):
        try:
            while self.outbuf:
                sent = self.conn.send(self.outbuf)
                del self.outbuf[:sent]
        except BlockingIOError:
            if self.out_watch is None:
                self.out_watch = GLib.io_add_watch(self.conn.fileno(), GLib.PRIORITY_DEFAULT,
                                                   GLib.IO_OUT, self._writable)
            return
        except OSError:
            self.outbuf.clear()
        if self.in_watch is None:
            self.close()

    def _writable(self, *_):
        self.out_watch = None
        self._flush()
        return False

    def _close_when_flushed(self):
        if not self.outbuf and self.out_watch is None:
            self.close()

    def close(self):
        for watch in (self.in_watch, self.out_watch):
            if watch is not None:
                GLib.source_remove(watch)
        self.in_watch = self.out_watch = None
        self.server.clients.discard(self)
        self.conn.close()


class ControlServer:
    def __init__(self, path, bench):
        self.path = path
        self.bench = bench
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.clients = set()
        self.watch = GLib.io_add_watch(self.sock.fileno(), GLib.PRIORITY_DEFAULT,
                                       GLib.IO_IN, self._accept)

    def _accept(self, *_):
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return True
        self.clients.add(Client(self, conn))
        return True

    @locked
    def execute(self, line):
        cmd, _, rest = line.partition(' ')
        rest = rest.strip()
        try:
            if cmd == 'attach' and rest:
                from .spec import load
                port = self.bench.attach_spec(load(rest, self.bench.output_dir))
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
        for client in list(self.clients):
            client.close()
        GLib.source_remove(self.watch)
        self.sock.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
