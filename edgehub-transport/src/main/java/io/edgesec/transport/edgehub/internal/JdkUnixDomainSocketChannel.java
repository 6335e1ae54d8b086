package io.edgesec.transport.edgehub.internal;

import com.microsoft.azure.sdk.iot.device.hsm.UnixDomainSocketChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The IoT Edge workload API's Unix socket through the JDK's own Unix domain sockets (Java 16+),
 * so the SDK's edgelet path needs no native library. The SDK opens one channel per request,
 * writes the request and reads until end of stream.
 */
final class JdkUnixDomainSocketChannel implements UnixDomainSocketChannel {
    private SocketChannel channel;

    @Override
    public void open(String address) throws IOException {
        close();
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(address));
        } catch (IOException e) {
            ch.close();
            throw new IOException("workload API socket " + address + ": " + e.getMessage(), e);
        }
        channel = ch;
    }

    @Override
    public void write(byte[] output) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(output);
        while (buf.hasRemaining()) {
            channel().write(buf);
        }
    }

    @Override
    public int read(byte[] inputBuffer) throws IOException {
        return channel().read(ByteBuffer.wrap(inputBuffer));
    }

    @Override
    public void close() throws IOException {
        SocketChannel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private SocketChannel channel() throws IOException {
        if (channel == null) {
            throw new IOException("workload API socket not open");
        }
        return channel;
    }
}
