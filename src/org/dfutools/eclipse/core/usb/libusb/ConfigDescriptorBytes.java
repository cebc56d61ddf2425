package org.dfutools.eclipse.core.usb.libusb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.usb4java.ConfigDescriptor;
import org.usb4java.EndpointDescriptor;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;

/**
 * Writes libusb's parsed configuration descriptor back into descriptor bytes, so that one pure parser
 * serves every platform. libusb reads descriptors without opening the device (no access rights needed)
 * and keeps every descriptor it does not know, such as DFU's functional descriptor, as "extra" bytes
 * after the descriptor it follows: writing them back in order restores the original layout.
 */
final class ConfigDescriptorBytes {

	private ConfigDescriptorBytes() {
	}

	static byte[] of(ConfigDescriptor config) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, config.extra());
		for (Interface iface : config.iface()) {
			for (InterfaceDescriptor alt : iface.altsetting()) {
				body.write(9);
				body.write(4);
				body.write(alt.bInterfaceNumber());
				body.write(alt.bAlternateSetting());
				body.write(alt.bNumEndpoints());
				body.write(alt.bInterfaceClass());
				body.write(alt.bInterfaceSubClass());
				body.write(alt.bInterfaceProtocol());
				body.write(alt.iInterface());
				write(body, alt.extra());
				for (EndpointDescriptor endpoint : alt.endpoint()) {
					writeEndpoint(body, endpoint);
				}
			}
		}
		int total = 9 + body.size();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(total);
		bytes.write(9);
		bytes.write(2);
		bytes.write(total & 0xFF);
		bytes.write((total >> 8) & 0xFF);
		bytes.write(config.bNumInterfaces());
		bytes.write(config.bConfigurationValue());
		bytes.write(config.iConfiguration());
		bytes.write(config.bmAttributes());
		bytes.write(config.bMaxPower());
		bytes.writeBytes(body.toByteArray());
		return bytes.toByteArray();
	}

	private static void writeEndpoint(ByteArrayOutputStream out, EndpointDescriptor endpoint) {
		boolean audio = (endpoint.bLength() & 0xFF) >= 9;
		out.write(audio ? 9 : 7);
		out.write(5);
		out.write(endpoint.bEndpointAddress());
		out.write(endpoint.bmAttributes());
		out.write(endpoint.wMaxPacketSize() & 0xFF);
		out.write((endpoint.wMaxPacketSize() >> 8) & 0xFF);
		out.write(endpoint.bInterval());
		if (audio) {
			out.write(endpoint.bRefresh());
			out.write(endpoint.bSynchAddress());
		}
		write(out, endpoint.extra());
	}

	private static void write(ByteArrayOutputStream out, ByteBuffer extra) {
		if (extra == null) {
			return;
		}
		ByteBuffer copy = extra.duplicate();
		copy.rewind();
		byte[] bytes = new byte[copy.remaining()];
		copy.get(bytes);
		out.writeBytes(bytes);
	}
}
