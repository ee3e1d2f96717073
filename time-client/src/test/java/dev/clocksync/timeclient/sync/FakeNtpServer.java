package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.ntp.NtpResponder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/** An NTP server in the test's own JVM, answering from a clock ahead of the host's by a set offset, or not at all, or with a kiss. */
final class FakeNtpServer implements AutoCloseable {

    enum Mode { GOOD, SILENT, KISS }

    private final DatagramChannel channel;
    private final VirtualClock clock;
    private final Thread thread;
    private volatile Mode mode = Mode.GOOD;

    FakeNtpServer(Duration offset) {
        clock = new VirtualClock(TimeSource.system(), ClockSettings.defaults().withInitialOffset(offset));
        try {
            channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NtpResponder responder = new NtpResponder(1, "TEST", -20, 0);
        thread = new Thread(() -> {
            ByteBuffer in = ByteBuffer.allocate(512);
            ByteBuffer out = ByteBuffer.allocate(48);
            while (channel.isOpen()) {
                try {
                    in.clear();
                    SocketAddress from = channel.receive(in);
                    long received = clock.epochNanos();
                    in.flip();
                    out.clear();
                    if (mode == Mode.SILENT || responder.respond(in, received, mode == Mode.KISS, out) != null) {
                        continue;
                    }
                    NtpResponder.stampTransmit(out, 0, clock.epochNanos());
                    channel.send(out.flip(), from);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-ntp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long offsetNanos() {
        return clock.read().offsetNanos();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
