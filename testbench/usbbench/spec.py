"""Device spec files: JSON with defaults, validated strictly.

Unknown keys are errors, so a misspelt behaviour can never silently produce a
well-behaved device. Every key is documented in testbench/README.md.
"""
import copy
import json
import os

DEFAULT_FUNCTIONAL = {
    'attributes': 0x07,        # CanDnload | CanUpload | ManifestationTolerant
    'detach_timeout': 1000,
    'transfer_size': 2048,
    'version': 0x0110,
}

DEFAULTS = {
    'name': 'dfu-device',
    'speed': 'high',
    'start_mode': 'runtime',
    'runtime': {
        'vid': 0x1209, 'pid': 0x0001, 'bcdDevice': 0x0100,
        'manufacturer': 'usbsim', 'product': 'Simulated DFU device',
        'serial': 'SIM0001',
        'interfaces': [],
        'dfu_interface_name': 'DFU runtime',
        'functional': DEFAULT_FUNCTIONAL,
        'bcdDevice_after_update': None,
        'raw_configuration': None,
        'bcdUSB': 0x0200, 'device_class': 0, 'device_subclass': 0, 'device_protocol': 0,
        'max_packet0': 64,
        'functional_in_configuration': True,
        'dfu_interface': True,
    },
    'dfu': {
        'vid': None, 'pid': None, 'bcdDevice': None,
        'manufacturer': None, 'product': None, 'serial': None,
        'functional': None,
        'bcdUSB': None, 'device_class': None, 'device_subclass': None, 'device_protocol': None,
        'max_packet0': None,
        'interface_protocol': 2,
        'functional_in_configuration': True,
        'alts': [{'name': 'Flash', 'output': None, 'flash_size': None,
                  'address': None, 'upload_file': None}],
        'poll_timeout': 1,
        'erase_poll_timeout': None,
        'flash_size': 4 * 1024 * 1024,
    },
    'behaviour': {
        'reenumerate_delay_ms': 100,
        'runtime_getstatus': 'ok',
        'detach': 'ok',
        'never_reenumerate': False,
        'return_in_runtime': False,
        'open_error': None,
        'disconnect_at_block': None,
        'reappear_after_disconnect': True,
        'manifest_error': None,
        'manifest_ms': 0,
        'string_errors': False,
        'unplug_at': None,
        'unplug_at_block': None,
        'stall_everything': False,
        'application_valid': True,
        'detach_late_ms': 0,
        'dfuse_leave': 'ok',
        'manifest_wait_reset': False,
        'read_protected': False,
        'remove_event_delay_ms': 0,
        'touch_1200': None,
    },
}

ALT_DEFAULTS = DEFAULTS['dfu']['alts'][0]
INTERFACE_DEFAULTS = {'class': 0xff, 'subclass': 0, 'protocol': 0,
                      'name': None, 'endpoints': [], 'extra': None, 'association': None, 'serial_port': None}
# What a board with a CDC ACM serial port prints and answers (cdc_device.py).
SERIAL_PORT_DEFAULTS = {'lines': ['count %(n)d'], 'every_ms': 200, 'echo': True, 'banner': None}
CDC_CLASS, CDC_ACM_SUBCLASS, CDC_DATA_CLASS = 2, 2, 10
ASSOCIATION_DEFAULTS = {'count': 2, 'class': None, 'subclass': None, 'protocol': None, 'name': None}
ENDPOINT_DEFAULTS = {'address': 0x81, 'type': 'bulk', 'max_packet': 512,
                     'interval': 0}
CHOICES = {
    ('speed',): ('full', 'high'),
    ('start_mode',): ('runtime', 'dfu'),
    ('behaviour', 'runtime_getstatus'): ('ok', 'stall', 'stall_getstate', 'always_appidle'),
    ('behaviour', 'detach'): ('ok', 'stall', 'ignore', 'leave_after_timeout', 'leave_at_once',
                              'leave_before_status'),
    ('behaviour', 'dfuse_leave'): ('ok', 'no_status'),
    ('behaviour', 'open_error'): (None, 'EACCES'),
    ('behaviour', 'unplug_at'): (None, 'runtime_getstatus', 'dfu_reenumeration', 'manifestation',
                                 'application_reenumeration'),
    ('behaviour', 'touch_1200'): (None, 'reboot'),
}
NUMERIC = {'vid', 'pid', 'bcdDevice', 'attributes', 'detach_timeout',
           'transfer_size', 'version', 'bcdDevice_after_update', 'address',
           'class', 'subclass', 'protocol', 'max_packet', 'interval',
           'flash_size', 'poll_timeout', 'reenumerate_delay_ms',
           'disconnect_at_block', 'manifest_ms', 'unplug_at_block', 'bcdUSB', 'device_class',
           'device_subclass', 'device_protocol', 'max_packet0', 'interface_protocol',
           'erase_poll_timeout', 'detach_late_ms', 'count', 'remove_event_delay_ms', 'every_ms'}


DFU_PLACEHOLDER = {'dfu': True}


class SpecError(ValueError):
    pass


def _interfaces(given, dfu_interface=True):
    """Run-time interfaces in order; {"dfu": true} marks where the DFU
    interface goes (default: after all others). Without a DFU interface
    (runtime.dfu_interface false, a board reached only through its serial
    port's 1200-baud touch) there is no placeholder."""
    if not isinstance(given, list):
        raise SpecError('runtime.interfaces: expected a list')
    out = []
    for n, intf in enumerate(given):
        where = 'runtime.interfaces[%d]' % n
        if isinstance(intf, dict) and 'dfu' in intf:
            if not dfu_interface:
                raise SpecError('%s: runtime.dfu_interface is false: no DFU placeholder' % where)
            if intf != DFU_PLACEHOLDER:
                raise SpecError('%s: the DFU placeholder is exactly {"dfu": true}' % where)
            if DFU_PLACEHOLDER in out:
                raise SpecError('%s: only one DFU placeholder' % where)
            out.append(dict(DFU_PLACEHOLDER))
        else:
            out.append(_merge(INTERFACE_DEFAULTS, intf, where))
    if DFU_PLACEHOLDER not in out and dfu_interface:
        out.append(dict(DFU_PLACEHOLDER))
    return out


def _serial_port(interfaces, n):
    """interfaces[n].serial_port, checked: as Linux's cdc_acm needs, a CDC ACM control interface followed by its
    data interface with a bulk IN and a bulk OUT endpoint (the one the union descriptor names)."""
    where = 'runtime.interfaces[%d].serial_port' % n
    intf = interfaces[n]
    port = _merge(SERIAL_PORT_DEFAULTS, intf['serial_port'], where)
    _numbers(port, where)
    if (intf['class'], intf['subclass']) != (CDC_CLASS, CDC_ACM_SUBCLASS):
        raise SpecError('%s: only on a CDC ACM control interface (class 2, subclass 2)' % where)
    data = interfaces[n + 1] if n + 1 < len(interfaces) else DFU_PLACEHOLDER
    kinds = set() if data == DFU_PLACEHOLDER else {(e['address'] & 0x80, e['type']) for e in data['endpoints']}
    if data == DFU_PLACEHOLDER or data['class'] != CDC_DATA_CLASS or \
            not {(0x80, 'bulk'), (0, 'bulk')} <= kinds:
        raise SpecError('%s: the next interface must be its CDC data interface (class 10) with a bulk IN and a '
                        'bulk OUT endpoint' % where)
    lines, banner, every = port['lines'], port['banner'], port['every_ms']
    if not (isinstance(lines, list) and all(isinstance(line, str) for line in lines)
            and isinstance(banner, (str, type(None))) and isinstance(port['echo'], bool)
            and (every is None or every > 0)):
        raise SpecError('%s: lines is a list of strings, banner a string or null, echo true or false, '
                        'every_ms a positive number or null' % where)
    for line in lines + [banner or '']:
        try:
            line % {'n': 0}
        except (KeyError, ValueError, TypeError) as e:
            raise SpecError('%s: %r: %%(n)d is the only placeholder (%s)' % (where, line, e))
    return port


def _number(value, where):
    """Numbers may be JSON integers or strings such as "0x1209"."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value, 0)
        except ValueError:
            pass
    raise SpecError('%s: expected a number, got %r' % (where, value))


def _hex(text, where):
    """Raw descriptor bytes given as a hex string (spaces allowed)."""
    try:
        return bytes.fromhex(text)
    except (TypeError, ValueError):
        raise SpecError('%s: expected a hex string, got %r' % (where, text))


def _merge(defaults, given, where):
    if given is None:
        return None
    if not isinstance(given, dict):
        raise SpecError('%s: expected an object' % where)
    unknown = set(given) - set(defaults)
    if unknown:
        raise SpecError('%s: unknown key(s) %s' % (where, ', '.join(sorted(unknown))))
    out = copy.deepcopy(defaults)
    for key, value in given.items():
        if isinstance(defaults.get(key), dict) and key != 'functional':
            out[key] = _merge(defaults[key], value, '%s.%s' % (where, key))
        elif key == 'functional':
            out[key] = None if value is None else _merge(
                DEFAULT_FUNCTIONAL, value, '%s.functional' % where)
        else:
            out[key] = value
    return out


def _numbers(obj, where):
    for key, value in obj.items():
        if key in NUMERIC:
            obj[key] = _number(value, '%s.%s' % (where, key))
        elif isinstance(value, dict):
            _numbers(value, '%s.%s' % (where, key))


def normalize(raw, output_dir='.'):
    """Return a complete spec dict from a partial one; relative output and
    upload_file paths resolve against output_dir (usbsim --output-dir)."""
    if raw is None:
        raw = {}
    spec = _merge(DEFAULTS, raw, 'spec')
    if 'runtime' in raw and raw['runtime'] is None:
        spec['runtime'] = None
    rt = spec['runtime']
    if rt is not None:
        rt['interfaces'] = _interfaces(rt['interfaces'], rt['dfu_interface'])
        for n, intf in enumerate(rt['interfaces']):
            if intf == DFU_PLACEHOLDER:
                continue
            intf['endpoints'] = [_merge(ENDPOINT_DEFAULTS, e, 'runtime.interfaces[%d].endpoints' % n)
                                 for e in intf['endpoints']]
            for e in intf['endpoints']:
                _numbers(e, 'endpoint')
            if intf['association'] is not None:
                intf['association'] = _merge(ASSOCIATION_DEFAULTS, intf['association'],
                                             'runtime.interfaces[%d].association' % n)
            if intf['extra'] is not None:
                intf['extra'] = _hex(intf['extra'], 'runtime.interfaces[%d].extra' % n)
            _numbers(intf, 'runtime.interfaces[%d]' % n)
        for n, intf in enumerate(rt['interfaces']):
            if intf != DFU_PLACEHOLDER and intf['serial_port'] is not None:
                intf['serial_port'] = _serial_port(rt['interfaces'], n)
    dfu = spec['dfu']
    dfu['alts'] = [_merge(ALT_DEFAULTS, a, 'dfu.alts[%d]' % n)
                   for n, a in enumerate(dfu['alts'])]
    if not dfu['alts']:
        raise SpecError('dfu.alts: at least one alt setting is needed')
    _numbers(spec, 'spec')
    for alt in dfu['alts']:
        _numbers(alt, 'dfu.alts')
        for key in ('output', 'upload_file'):
            if alt[key]:
                alt[key] = os.path.join(output_dir, os.path.expandvars(alt[key]))
        # The output file is created at the first download; fail early instead.
        if alt['output'] and not os.path.isdir(os.path.dirname(alt['output']) or '.'):
            raise SpecError('dfu.alts.output: no directory for %s' % alt['output'])
    # DFU-mode identity defaults to the run-time one.
    src = rt or DEFAULTS['runtime']
    for key in ('vid', 'pid', 'bcdDevice', 'manufacturer', 'product', 'serial',
                'bcdUSB', 'device_class', 'device_subclass', 'device_protocol', 'max_packet0'):
        if dfu[key] is None:
            dfu[key] = src[key]
    if dfu['functional'] is None and 'functional' not in raw.get('dfu', {}):
        dfu['functional'] = copy.deepcopy(rt['functional'] if rt and rt['functional']
                                          else DEFAULT_FUNCTIONAL)
    if dfu['functional'] is None:
        raise SpecError('dfu.functional: a DFU-mode interface needs a functional descriptor')
    for path, allowed in CHOICES.items():
        node = spec
        for p in path[:-1]:
            node = node[p]
        if node[path[-1]] not in allowed:
            raise SpecError('%s: must be one of %s' % ('.'.join(path), allowed))
    if rt is None:
        spec['start_mode'] = 'dfu'
    return spec


def load(path, output_dir='.'):
    try:
        with open(path) as f:
            raw = json.load(f)
    except (OSError, ValueError) as e:
        raise SpecError('%s: %s' % (path, e))
    try:
        return normalize(raw, output_dir)
    except SpecError as e:
        raise SpecError('%s: %s' % (path, e))
