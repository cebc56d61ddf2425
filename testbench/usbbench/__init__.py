"""Simulated USB test bench: DFU devices behind umockdev's emulated usbdevfs."""
