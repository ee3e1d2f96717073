package dev.clocksync.timeserver.ntp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.nio.channels.SelectionKey;

/**
 * The portable transport: a {@link DatagramChannel}. It has no kernel timestamps, so the receive time
 * is read after the serving thread has woken up, which on an idle machine can be tens of microseconds
 * after the datagram arrived.
 */
final class ChannelTransport implements NtpTransport {

    private static final long POLL_MILLIS = 200;

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocateDirect(NtpTransports.MAX_DATAGRAM);
    private final ByteBuffer out = ByteBuffer.allocateDirect(NtpTransports.MAX_DATAGRAM);

    ChannelTransport(InetSocketAddress bind, boolean reusePort) throws IOException {
        channel = DatagramChannel.open();
        try {
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(bind);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SocketAddress receive() throws IOException {
        in.clear();
        SocketAddress from = channel.receive(in);
        if (from == null) {
            selector.select(POLL_MILLIS);
            selector.selectedKeys().clear();
            from = channel.receive(in);
        }
        in.flip();
        return from;
    }

    @Override
    public ByteBuffer received() {
        return in;
    }

    @Override
    public long receivedHostNanos() {
        return -1;
    }

    @Override
    public ByteBuffer reply() {
        return out.clear();
    }

    @Override
    public void send(SocketAddress to) throws IOException {
        out.flip();
        channel.send(out, to);
    }

    @Override
    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public String describe() {
        return "DatagramChannel, receive time read after wake-up";
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
