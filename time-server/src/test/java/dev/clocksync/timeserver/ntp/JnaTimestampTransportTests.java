package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.TimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;

/** The transport that reads the kernel's receive timestamps through JNA, on any JDK: what JDK 17 to 21 use. */
@EnabledOnOs(OS.LINUX)
class JnaTimestampTransportTests {

    @Test
    void receivesWithTheKernelsTimestampAndSendsBack() throws Exception {
        try (JnaTimestampTransport transport = new JnaTimestampTransport(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
             DatagramChannel client = DatagramChannel.open()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), transport.port()));
            for (int i = 0; i < 3; i++) {
                long before = TimeSource.system().wallEpochNanos();
                client.write(ByteBuffer.wrap(("ping " + i).getBytes()));

                SocketAddress from = transport.receive();
                long after = TimeSource.system().wallEpochNanos();

                assertThat(from).isEqualTo(client.getLocalAddress());
                byte[] datagram = new byte[transport.received().remaining()];
                transport.received().get(datagram);
                assertThat(new String(datagram)).isEqualTo("ping " + i);
                assertThat(transport.receivedHostNanos()).isBetween(before, after);

                assertThat(transport.received().rewind().getInt()).as("read in network order").isEqualTo(0x70696e67);
                transport.reply().putLong(0x0102030405060708L).put(("pong " + i).getBytes());
                transport.send(from);
                ByteBuffer answer = ByteBuffer.allocate(32);
                client.read(answer);
                answer.flip();
                assertThat(answer.getLong()).as("written in network order").isEqualTo(0x0102030405060708L);
                assertThat(new String(answer.array(), 8, answer.remaining())).isEqualTo("pong " + i);
            }
        }
    }

    @Test
    void answersEachSenderAtItsOwnAddress() throws Exception {
        try (JnaTimestampTransport transport = new JnaTimestampTransport(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
             DatagramChannel first = DatagramChannel.open();
             DatagramChannel second = DatagramChannel.open()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), transport.port());
            first.connect(server);
            second.connect(server);
            first.write(ByteBuffer.wrap("one".getBytes()));
            second.write(ByteBuffer.wrap("two".getBytes()));

            SocketAddress one = transport.receive();
            transport.reply().put("to one".getBytes());
            SocketAddress two = transport.receive();
            assertThat(one).isEqualTo(first.getLocalAddress());
            assertThat(two).isEqualTo(second.getLocalAddress());
            transport.reply().put("to two".getBytes());
            transport.send(two);
            transport.reply().put("to one".getBytes());
            transport.send(one);

            ByteBuffer answer = ByteBuffer.allocate(16);
            first.read(answer);
            assertThat(new String(answer.array(), 0, answer.position())).isEqualTo("to one");
            answer.clear();
            second.read(answer);
            assertThat(new String(answer.array(), 0, answer.position())).isEqualTo("to two");
        }
    }

    @Test
    void aReceiveWithNothingToReceiveReturnsWithinItsTimeout() throws Exception {
        try (JnaTimestampTransport transport = new JnaTimestampTransport(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false)) {
            long start = System.nanoTime();

            assertThat(transport.receive()).isNull();

            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        }
    }

    @Test
    void belowJdk22TheServerPicksIt() throws Exception {
        try (NtpTransport transport = NtpTransports.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, true)) {
            assertThat(transport.receivedHostNanos()).isEqualTo(-1);
            if (Runtime.version().feature() < 22) {
                assertThat(transport).isInstanceOf(JnaTimestampTransport.class);
            } else {
                assertThat(transport).isNotInstanceOf(ChannelTransport.class);
            }
        }
    }
}
