"""A DFU 1.1 device (run-time and DFU mode) driven by a spec (see spec.py).

The state machine follows the DFU 1.1 specification, figure A.1; DfuSe
(0x011A) requests are delegated to dfuse.py. Misbehaviours configured in the
spec's "behaviour" section are applied here so that the host sees them
exactly as it would see a real device misbehaving.
"""
import struct
import time

from . import descriptors as D
from . import dfuse
from .cdc_device import SerialFunction
from .memory import FlashImage, MemoryError_
from .spec import DFU_PLACEHOLDER
from .usb_device import (GET_DESCRIPTOR, SET_ADDRESS, SET_CONFIGURATION, STALL, DescriptorSet,
                         StandardDevice, _Sentinel)

DISCONNECTED = _Sentinel('DISCONNECTED')   # device left the bus mid-transfer

(APP_IDLE, APP_DETACH, DFU_IDLE, DNLOAD_SYNC, DNBUSY, DNLOAD_IDLE,
 MANIFEST_SYNC, MANIFEST, MANIFEST_WAIT_RESET, UPLOAD_IDLE, DFU_ERROR) = range(11)
STATE_NAMES = ['appIDLE', 'appDETACH', 'dfuIDLE', 'dfuDNLOAD-SYNC', 'dfuDNBUSY',
               'dfuDNLOAD-IDLE', 'dfuMANIFEST-SYNC', 'dfuMANIFEST',
               'dfuMANIFEST-WAIT-RESET', 'dfuUPLOAD-IDLE', 'dfuERROR']
STATUS_NAMES = ['OK', 'errTARGET', 'errFILE', 'errWRITE', 'errERASE',
                'errCHECK_ERASED', 'errPROG', 'errVERIFY', 'errADDRESS',
                'errNOTDONE', 'errFIRMWARE', 'errVENDOR', 'errUSBR', 'errPOR',
                'errUNKNOWN', 'errSTALLEDPKT']
OK, errTARGET, errADDRESS, errFIRMWARE, errVENDOR, errSTALLEDPKT = 0, 1, 8, 10, 11, 15
DETACH, DNLOAD, UPLOAD, GETSTATUS, CLRSTATUS, GETSTATE, ABORT = range(7)
CAN_DNLOAD, CAN_UPLOAD, MANIFESTATION_TOLERANT, WILL_DETACH = 1, 2, 4, 8
DFU_CLASS, DFU_SUBCLASS = 0xfe, 0x01


def status_code(value):
    """Spec status values may be numbers or names such as "errVERIFY"."""
    if isinstance(value, str):
        return STATUS_NAMES.index(value) if value in STATUS_NAMES else int(value, 0)
    return value


def _given(value, default):
    return default if value is None else value


def _device(identity, bcd_device, i_m, i_p, i_s):
    return D.device(identity['vid'], identity['pid'], bcd_device, i_m, i_p, i_s,
                    bcd_usb=identity['bcdUSB'], cls=identity['device_class'],
                    subcls=identity['device_subclass'], proto=identity['device_protocol'],
                    max_packet0=identity['max_packet0'])


def _functional(f):
    if f is None:
        return b''
    return D.dfu_functional(f['attributes'], f['detach_timeout'],
                            f['transfer_size'], f['version'])


class DfuDevice(StandardDevice):
    def __init__(self, spec, host):
        super().__init__()
        self.spec = spec
        self.host = host
        self.name = spec['name']
        self.behaviour = spec['behaviour']
        self.string_errors = bool(self.behaviour['string_errors'])
        self.runtime_bcd = spec['runtime']['bcdDevice'] if spec['runtime'] else None
        self.mode = spec['start_mode']
        self.written = False
        self.state = APP_IDLE if self.mode == 'runtime' else DFU_IDLE
        self.status = OK
        self.firmware_valid = bool(self.behaviour['application_valid'])
        self.detach_timer = None
        self.cur_alt = 0
        self.busy_until = 0.0
        self.block_done = True
        self.pending_error = OK
        self.blocks = 0
        self.cursor = 0
        self.manifest_started = False
        self.erasing = False
        dfu = spec['dfu']
        self.func = dfu['functional']
        self.is_dfuse = self.func['version'] == dfuse.DFUSE_VERSION
        self.dfuse = dfuse.Addressing(self.func['transfer_size'])
        self.images = []
        self.layouts = []
        for alt in dfu['alts']:
            layout = dfuse.Layout(alt['name'] or '')
            if alt['address'] is not None:
                base, size = alt['address'], alt['flash_size'] or dfu['flash_size']
            elif layout.valid:
                base, size = layout.base, layout.size
            else:
                base, size = 0, alt['flash_size'] or dfu['flash_size']
            initial = None
            if alt['upload_file']:
                with open(alt['upload_file'], 'rb') as f:
                    initial = f.read()
            self.layouts.append(layout)
            self.images.append(FlashImage(alt['output'], base, size, initial))
        self._sets = {}
        self.dfu_interface = None       # the run-time DFU interface's number (None: there is none)
        self.serial_ports = self._serial_functions(spec['runtime'])

    def _serial_functions(self, rt):
        """Run-time CDC ACM serial ports by control interface number; the data interface follows it (spec.py)."""
        functions = {}
        for n, intf in enumerate(rt['interfaces'] if rt else []):
            if intf != DFU_PLACEHOLDER and intf['serial_port'] is not None:
                endpoints = [e['address'] for e in rt['interfaces'][n + 1]['endpoints'] if e['type'] == 'bulk']
                functions[n] = SerialFunction(intf['serial_port'], n, next(a for a in endpoints if a & 0x80),
                                              next(a for a in endpoints if not a & 0x80), self.host, self._touched)
        return functions

    # ---- descriptors -------------------------------------------------
    def descriptor_set(self):
        key = (self.mode, self.runtime_bcd)
        if key not in self._sets:
            self._sets[key] = (self._runtime_set() if self.mode == 'runtime'
                               else self._dfu_set())
        return self._sets[key]

    def _runtime_set(self):
        rt = self.spec['runtime']
        st = D.StringTable()
        i_m, i_p, i_s = st.add(rt['manufacturer']), st.add(rt['product']), st.add(rt['serial'])
        body = b''
        for n, intf in enumerate(rt['interfaces']):
            if intf == DFU_PLACEHOLDER:
                self.dfu_interface = n
                body += D.interface(n, 0, 0, DFU_CLASS, DFU_SUBCLASS, 1,
                                    st.add(rt['dfu_interface_name']))
                if rt['functional_in_configuration']:
                    body += _functional(rt['functional'])
                continue
            iad = intf['association']
            if iad is not None:
                body += D.association(n, iad['count'], _given(iad['class'], intf['class']),
                                      _given(iad['subclass'], intf['subclass']),
                                      _given(iad['protocol'], intf['protocol']), st.add(iad['name']))
            body += D.interface(n, 0, len(intf['endpoints']), intf['class'],
                                intf['subclass'], intf['protocol'], st.add(intf['name']))
            body += intf['extra'] or b''
            for ep in intf['endpoints']:
                kind = {'control': 0, 'isochronous': 1, 'bulk': 2, 'interrupt': 3}[ep['type']]
                body += D.endpoint(ep['address'], kind, ep['max_packet'], ep['interval'])
        interfaces = {n: 1 for n in range(len(rt['interfaces']))}
        config = D.configuration(body, len(interfaces))
        if rt['raw_configuration'] is not None:
            # Malformed-descriptor tests: these bytes, verbatim, whatever they say.
            config = bytes.fromhex(rt['raw_configuration'])
        return DescriptorSet(
            _device(rt, self.runtime_bcd, i_m, i_p, i_s), config, st.strings, interfaces)

    def _dfu_set(self):
        dfu = self.spec['dfu']
        st = D.StringTable()
        i_m, i_p, i_s = st.add(dfu['manufacturer']), st.add(dfu['product']), st.add(dfu['serial'])
        body = b''
        for n, alt in enumerate(dfu['alts']):
            body += D.interface(0, n, 0, DFU_CLASS, DFU_SUBCLASS, dfu['interface_protocol'],
                                st.add(alt['name']))
        if dfu['functional_in_configuration']:
            body += _functional(self.func)
        return DescriptorSet(
            _device(dfu, dfu['bcdDevice'], i_m, i_p, i_s),
            D.configuration(body, 1), st.strings, {0: len(dfu['alts'])})

    def _functional_now(self):
        """The functional descriptor of the current mode and whether the configuration carries it."""
        if self.mode == 'runtime':
            rt = self.spec['runtime']
            return rt['functional'], rt['functional_in_configuration']
        return self.func, self.spec['dfu']['functional_in_configuration']

    @property
    def current_dfu_interface(self):
        if self.mode == 'dfu':
            return 0
        self.descriptor_set()
        return self.dfu_interface

    # ---- bench hooks ---------------------------------------------------
    def open_error(self):
        return self.behaviour['open_error']

    def remove_event_delay(self):
        """Milliseconds between the node's removal and the "remove" uevent when the device leaves the bus."""
        return self.behaviour['remove_event_delay_ms']

    def reconnect_delay(self):
        """Milliseconds until the device is back after leaving the bus, or None."""
        if self.behaviour['never_reenumerate']:
            return None
        return self.behaviour['reenumerate_delay_ms']

    def _pull_out_now(self):
        """Pulled out of the port in the middle of the transfer being answered (it fails)."""
        self.host.leave_bus(None, now=True)
        self.host.pull_out()
        return DISCONNECTED

    def _unplug_later(self, point, ms):
        """behaviour.unplug_at: pulled out `ms` from now, e.g. while off the bus re-enumerating."""
        if self.behaviour['unplug_at'] == point:
            self.host.call_later(max(1, ms), lambda: self.host.pull_out() and False)

    def serial_interfaces(self):
        """Control interfaces of the current configuration's CDC ACM serial ports (a kernel binds cdc_acm to them)."""
        return sorted(self.serial_ports) if self.mode == 'runtime' and self.configuration else []

    def close(self):
        self._cancel_detach_timer()
        self._reset_serial_ports()
        for image in self.images:
            image.close()

    def _reset_serial_ports(self):
        for function in self.serial_ports.values():
            function.reset()

    def _touched(self):
        """The host's 1200-baud touch on a serial port (cdc_device.py): behaviour.touch_1200 says what happens."""
        action = self.behaviour['touch_1200']
        self.host.log('touch-1200', action=action or 'ignored')
        if action == 'reboot' and self.mode == 'runtime':
            # It reboots into its bootloader just after answering the request, as a detach with WillDetach does.
            self.host.call_later(1, self._touch_reboot)

    def _touch_reboot(self):
        if self.mode == 'runtime':
            self._enter_dfu()
            self._unplug_later('dfu_reenumeration', self.behaviour['reenumerate_delay_ms'] // 2)
            self.host.leave_bus(self.reconnect_delay(), now=True)
        return False

    def set_state(self, state, status=None):
        if status is not None:
            self.status = status
        if state != self.state:
            self.host.log('state', mode=self.mode, old=STATE_NAMES[self.state],
                          new=STATE_NAMES[state], status=STATUS_NAMES[self.status])
            self.state = state

    def _cancel_detach_timer(self):
        if self.detach_timer is not None:
            self.host.cancel(self.detach_timer)
            self.detach_timer = None

    def _enter_dfu(self):
        self._reset_serial_ports()      # the bootloader has no serial port: the sketch stops
        self.mode = 'dfu'
        self.cur_alt = 0
        self.written = False        # data written since DFU mode was entered: new firmware at the next start
        self.set_state(DFU_IDLE, OK)

    def _enter_runtime(self):
        if self.spec['runtime'] is None:
            self.set_state(DFU_IDLE, OK)
            return
        self.mode = 'runtime'
        self.set_state(APP_IDLE, OK)

    def bus_reset(self, connect=False):
        super().bus_reset(connect)
        self._reset_serial_ports()
        if connect:
            return      # the hub's reset of a fresh connection changes no DFU state
        if self.mode == 'runtime':
            if self.state == APP_DETACH:
                self._cancel_detach_timer()
                if self.behaviour['return_in_runtime']:
                    self.set_state(APP_IDLE)
                else:
                    self._enter_dfu()
                    self._unplug_later('dfu_reenumeration', self.behaviour['reenumerate_delay_ms'] // 2)
        elif self.firmware_valid:
            self._enter_runtime()
            self._unplug_later('application_reenumeration', self.behaviour['reenumerate_delay_ms'] // 2)
        else:
            self.set_state(DFU_ERROR, errFIRMWARE)

    def interface_selected(self, number, alt):
        if self.mode == 'dfu':
            self.cur_alt = alt

    # ---- requests ------------------------------------------------------
    def control(self, s, data):
        if self.behaviour['stall_everything'] and not self._enumeration_request(s):
            return STALL
        if s.type == 0:
            # Standard requests are the USB stack's business, not DFU's: they
            # neither stall nor abort appDETACH.
            if s.bRequest == GET_DESCRIPTOR and s.is_in and (s.wValue >> 8) == D.DT_DFU_FUNCTIONAL:
                return self._functional_descriptor(s)
            return self.standard_request(s, data)
        if s.type == 1 and s.recipient == 1 and (s.wIndex & 0xff) == self.current_dfu_interface:
            if self.mode == 'runtime':
                return self._runtime_request(s, data)
            return self._dfu_request(s, data)
        if s.type == 1 and s.recipient == 1 and self.mode == 'runtime' and (s.wIndex & 0xff) in self.serial_ports:
            return self.serial_ports[s.wIndex & 0xff].control(s, data)
        return STALL

    def data_out(self, ep, data):
        """Bulk OUT: bytes the host sends to a serial port."""
        for function in self.serial_ports.values():
            if self.mode == 'runtime' and ep == function.ep_out:
                function.receive(data)
                return b''
        return STALL

    def _functional_descriptor(self, s):
        """GET_DESCRIPTOR(DFU functional): answered only by a device whose configuration lacks it."""
        func, in_configuration = self._functional_now()
        if func is None or in_configuration:
            return STALL
        return _functional(func)[:s.wLength]

    @staticmethod
    def _enumeration_request(s):
        """What the kernel needs to enumerate: device and configuration descriptors, address, configuration."""
        if s.type != 0:
            return False
        if s.bRequest == GET_DESCRIPTOR:
            return (s.wValue >> 8) in (D.DT_DEVICE, D.DT_CONFIG)
        return s.bRequest in (SET_ADDRESS, SET_CONFIGURATION)

    def _status(self, poll_ms=0):
        return struct.pack('<B', self.status) + struct.pack('<I', poll_ms)[:3] + \
            bytes([self.state, 0])

    def _abort_detach(self):
        self._cancel_detach_timer()
        self.set_state(APP_IDLE)

    def _runtime_request(self, s, data):
        if s.bRequest in (GETSTATUS, GETSTATE) and s.is_in:
            answers = self.behaviour['runtime_getstatus']
            if answers == 'stall' or (answers == 'stall_getstate' and s.bRequest == GETSTATE):
                return STALL
            if s.bRequest == GETSTATUS and self.behaviour['unplug_at'] == 'runtime_getstatus':
                return self._pull_out_now()
            # 'always_appidle': a stack that reports a fixed appIDLE, whatever its state.
            state = APP_IDLE if answers == 'always_appidle' else self.state
            if s.bRequest == GETSTATE:
                return bytes([state])[:s.wLength]
            return (struct.pack('<B', self.status) + b'\0\0\0' + bytes([state, 0]))[:s.wLength]
        if self.state == APP_DETACH:
            # DFU 1.1: any other request in appDETACH stalls and aborts the detach.
            self._abort_detach()
            return STALL
        if s.bRequest == DETACH and not s.is_in:
            if self.behaviour['detach'] == 'stall':
                return STALL
            detach = self.behaviour['detach']
            if detach == 'ignore':
                return b''
            func = self.spec['runtime']['functional']
            timeout = s.wValue if func is None else min(s.wValue, func['detach_timeout'])
            self.set_state(APP_DETACH)
            if detach == 'leave_before_status':
                # It reboots before the status stage: the host's transfer fails.
                self._self_detach()
                return DISCONNECTED
            if detach == 'leave_after_timeout':
                # As a run-time class that reboots when DETACH's wValue runs out (usb-device's DFU class).
                self.detach_timer = self.host.call_later(timeout + self.behaviour['detach_late_ms'],
                                                         self._self_detach)
            elif detach == 'leave_at_once' or (func is not None and func['attributes'] & WILL_DETACH):
                self.host.call_later(1, self._self_detach)
            else:
                self.detach_timer = self.host.call_later(timeout, self._detach_expired)
            return b''
        return STALL

    def _detach_expired(self):
        self.detach_timer = None
        if self.state == APP_DETACH:
            self.host.log('detach-timeout')
            self.set_state(APP_IDLE)
        return False

    def _self_detach(self):
        """bitWillDetach: leave the bus and come back in DFU mode by itself. It leaves at once (it is called from
        a timer or before a reply): a host reset cannot reach a board that has changed its mode but is still on
        the bus, which a rebooting board never is."""
        self.detach_timer = None
        if self.state != APP_DETACH:
            return False
        if self.behaviour['return_in_runtime']:
            self.set_state(APP_IDLE)
        else:
            self._enter_dfu()
            self._unplug_later('dfu_reenumeration', self.behaviour['reenumerate_delay_ms'] // 2)
        self.host.leave_bus(self.reconnect_delay(), now=True)
        return False

    def _error(self, status=errSTALLEDPKT):
        self.set_state(DFU_ERROR, status)
        return STALL

    def _dfu_request(self, s, data):
        now = time.monotonic()
        if self.state == DNBUSY:
            if now < self.busy_until:
                return self._error()
            self.set_state(DNLOAD_SYNC)
        if self.state == MANIFEST and now >= self.busy_until:
            self._manifestation_done()
        req = s.bRequest
        if req == GETSTATUS and s.is_in:
            status = self._getstatus()
            return status if status is DISCONNECTED else status[:s.wLength]
        if req == GETSTATE and s.is_in:
            return bytes([self.state])[:s.wLength]
        if req == CLRSTATUS and not s.is_in:
            if self.state != DFU_ERROR:
                return self._error()
            self.set_state(DFU_IDLE, OK)
            return b''
        if req == ABORT and not s.is_in:
            if self.state in (DFU_IDLE, DNLOAD_SYNC, DNLOAD_IDLE, MANIFEST_SYNC, UPLOAD_IDLE):
                self.set_state(DFU_IDLE)
                return b''
            return self._error()
        if req == DNLOAD and not s.is_in:
            return self._dnload(s, data)
        if req == UPLOAD and s.is_in:
            return self._upload(s)
        return self._error()

    def _getstatus(self):
        poll = self.spec['dfu']['poll_timeout']
        if self.erasing and self.spec['dfu']['erase_poll_timeout'] is not None:
            poll = self.spec['dfu']['erase_poll_timeout']
        if self.state == DNLOAD_SYNC:
            if self.pending_error:
                error, self.pending_error = self.pending_error, OK
                self.set_state(DFU_ERROR, error)
                return self._status()
            if not self.block_done:
                # The block is being "programmed": busy for bwPollTimeout.
                self.block_done = True
                self.busy_until = time.monotonic() + poll / 1000.0
                self.set_state(DNBUSY)
                return self._status(poll)
            self.set_state(DNLOAD_IDLE)
            return self._status()
        if self.state == MANIFEST_SYNC:
            error = self.behaviour['manifest_error']
            if error:
                self.set_state(DFU_ERROR, status_code(error))
                return self._status()
            if self.manifest_started:       # came back from dfuMANIFEST
                self.set_state(DFU_IDLE)
                return self._status()
            self.manifest_started = True
            if self.is_dfuse:
                if self.behaviour['dfuse_leave'] == 'no_status':
                    # It jumps to the application before it answers: the host's GETSTATUS fails.
                    self._firmware_complete()
                    self._enter_runtime()
                    self.host.leave_bus(self.reconnect_delay(), now=True)
                    return DISCONNECTED
                # DfuSe "leave": report dfuMANIFEST, then jump to the application.
                self.firmware_valid = True
                self.set_state(MANIFEST)
                self._enter_runtime_later()
                return self._status()
            ms = self.behaviour['manifest_ms']
            if ms == 0 and self._manifestation_tolerant():
                self._firmware_complete()
                self.set_state(DFU_IDLE)
                return self._status()
            self.busy_until = time.monotonic() + ms / 1000.0
            self.set_state(MANIFEST)
            self._unplug_later('manifestation', ms // 2)
            return self._status(ms)
        return self._status()

    def _firmware_complete(self):
        self.firmware_valid = True
        after = self.spec['runtime'] and self.spec['runtime']['bcdDevice_after_update']
        # A leave without a download (DfuSe leave after an upload) starts the same firmware.
        if after is not None and self.written:
            self.runtime_bcd = after

    def _manifestation_done(self):
        self._firmware_complete()
        if self._manifestation_tolerant():
            self.set_state(MANIFEST_SYNC)
        else:
            self.set_state(MANIFEST_WAIT_RESET)

    def _manifestation_tolerant(self):
        """What the device does, not what it claims: 'manifest_wait_reset' waits for a reset anyway."""
        return bool(self.func['attributes'] & MANIFESTATION_TOLERANT) and \
            not self.behaviour['manifest_wait_reset']

    def _enter_runtime_later(self):
        def leave():
            self._firmware_complete()
            self._enter_runtime()
            self.host.leave_bus(self.reconnect_delay())
            return False
        self.host.call_later(1, leave)

    def _dnload(self, s, data):
        if not self.func['attributes'] & CAN_DNLOAD:
            return self._error()
        if s.wLength == 0:
            if self.state == DNLOAD_IDLE or (self.is_dfuse and self.state == DFU_IDLE):
                self.manifest_started = False
                self.set_state(MANIFEST_SYNC)
                return b''
            return self._error()
        if self.state not in (DFU_IDLE, DNLOAD_IDLE):
            return self._error()
        if self.state == DFU_IDLE:
            self.blocks = 0
            self.cursor = 0
            if not self.is_dfuse:
                self.images[self.cur_alt].truncate()
        data_block = not (self.is_dfuse and s.wValue == 0)
        vanishes = self.behaviour['disconnect_at_block'] == self.blocks
        unplugged = self.behaviour['unplug_at_block'] == self.blocks
        if data_block and (vanishes or unplugged):
            # Gone in the middle of this block: the firmware is incomplete.
            self.firmware_valid = False
            self.set_state(DFU_ERROR, errFIRMWARE)
            if not vanishes:
                return self._pull_out_now()
            self.host.leave_bus(self.reconnect_delay() if self.behaviour['reappear_after_disconnect']
                                else None, now=True)
            return DISCONNECTED
        self.block_done = False
        self.erasing = self.is_dfuse and s.wValue == 0 and data[:1] == bytes([dfuse.CMD_ERASE])
        self.set_state(DNLOAD_SYNC)
        image = self.images[self.cur_alt]
        try:
            if self.is_dfuse:
                if s.wValue >= 2:
                    self.firmware_valid = False
                status = self.dfuse.dnload(s.wValue, data, image, self.layouts[self.cur_alt])
                if status:
                    self.pending_error = status
                elif s.wValue >= 2:
                    self.blocks += 1
                    self.written = True
            else:
                self.firmware_valid = False
                image.write(image.base + self.cursor, data)
                self.written = True
                self.cursor += len(data)
                self.blocks += 1
        except MemoryError_ as e:
            self.host.log('memory-error', message=str(e))
            self.pending_error = errADDRESS
        return b''

    def _upload(self, s):
        if not self.func['attributes'] & CAN_UPLOAD or self.state not in (DFU_IDLE, UPLOAD_IDLE):
            return self._error()
        image = self.images[self.cur_alt]
        # Read-out protection (STM32 RDP level 1): memory reads fail with a vendor-specific error.
        if self.behaviour['read_protected'] and (not self.is_dfuse or s.wValue >= 2):
            self.host.log('read-protected', block=s.wValue)
            return self._error(errVENDOR)
        if self.is_dfuse:
            try:
                chunk = self.dfuse.upload(s.wValue, s.wLength, image)
            except MemoryError_:
                return self._error(errADDRESS)
            if chunk is None:
                return self._error(errTARGET)
            if s.wValue >= 2:
                self.set_state(UPLOAD_IDLE)
            return chunk
        if self.state == DFU_IDLE:
            self.cursor = 0
        chunk = image.image()[self.cursor:self.cursor + s.wLength]
        self.cursor += len(chunk)
        # A short packet ends the upload.
        self.set_state(DFU_IDLE if len(chunk) < s.wLength else UPLOAD_IDLE)
        return chunk
