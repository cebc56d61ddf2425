"""The --log event stream: one JSON object per line, monotonic µs timestamps."""
import json
import time


class EventLog:
    def __init__(self, path=None):
        self.file = open(path, 'w', buffering=1) if path else None

    def __bool__(self):
        return self.file is not None

    def write(self, port, event, **fields):
        if self.file is None:
            return
        record = {'t_us': time.monotonic_ns() // 1000, 'port': port, 'event': event}
        record.update(fields)
        self.file.write(json.dumps(record, separators=(',', ':')) + '\n')

    def close(self):
        if self.file:
            self.file.close()
            self.file = None
