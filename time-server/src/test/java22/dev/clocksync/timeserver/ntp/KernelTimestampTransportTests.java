package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.TimeSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;

/** Built and run only by a JDK 22+ build, on Linux: the transport that reads the kernel's receive timestamps. */
class KernelTimestampTransportTests {

    @Test
    void receivesWithTheKernelsTimestampAndSendsBack() throws Exception {
        try (KernelTimestampTransport transport = new KernelTimestampTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
             DatagramChannel client = DatagramChannel.open()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), transport.port()));
            long before = TimeSource.system().wallEpochNanos();
            client.write(ByteBuffer.wrap("ping over loopback".getBytes()));

            SocketAddress from = transport.receive();
            long after = TimeSource.system().wallEpochNanos();

            assertThat(from).isEqualTo(client.getLocalAddress());
            byte[] datagram = new byte[transport.received().remaining()];
            transport.received().get(datagram);
            assertThat(new String(datagram)).isEqualTo("ping over loopback");
            assertThat(transport.receivedHostNanos()).isBetween(before, after);

            transport.reply().put("pong".getBytes());
            transport.send(from);
            ByteBuffer answer = ByteBuffer.allocate(16);
            client.read(answer);
            assertThat(new String(answer.array(), 0, answer.position())).isEqualTo("pong");
        }
    }

    @Test
    void aBurstIsTakenInBatchesAndEachDatagramKeepsItsSenderItsBytesAndItsTimestamp() throws Exception {
        int count = 2 * KernelTimestampTransport.BATCH + 5;
        DatagramChannel[] clients = new DatagramChannel[3];
        try (KernelTimestampTransport transport = new KernelTimestampTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false)) {
            for (int c = 0; c < clients.length; c++) {
                clients[c] = DatagramChannel.open();
                clients[c].connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), transport.port()));
            }
            long before = TimeSource.system().wallEpochNanos();
            for (int i = 0; i < count; i++) {
                clients[i % clients.length].write(ByteBuffer.wrap(("datagram " + i).getBytes()));
            }
            long after = TimeSource.system().wallEpochNanos();

            long previous = before;
            for (int i = 0; i < count; i++) {
                SocketAddress from = transport.receive();
                assertThat(from).as("sender of %d", i).isEqualTo(clients[i % clients.length].getLocalAddress());
                byte[] datagram = new byte[transport.received().remaining()];
                transport.received().get(datagram);
                assertThat(new String(datagram)).isEqualTo("datagram " + i);
                assertThat(transport.receivedHostNanos()).isBetween(previous, after);
                previous = transport.receivedHostNanos();
                transport.reply().put(("reply " + i).getBytes());
                transport.send(from);
            }
            for (int i = 0; i < count; i++) {
                ByteBuffer answer = ByteBuffer.allocate(32);
                clients[i % clients.length].read(answer);
                assertThat(new String(answer.array(), 0, answer.position())).isEqualTo("reply " + i);
            }
        } finally {
            for (DatagramChannel client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    @Test
    void aReceiveWithNothingToReceiveReturnsWithinItsTimeout() throws Exception {
        try (KernelTimestampTransport transport = new KernelTimestampTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false)) {
            long start = System.nanoTime();

            assertThat(transport.receive()).isNull();

            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        }
    }

    @Test
    void theServerPicksItWhereItCan() throws Exception {
        try (NtpTransport transport = NtpTransports.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, true)) {
            assertThat(transport).isInstanceOf(KernelTimestampTransport.class);
        }
    }
}
