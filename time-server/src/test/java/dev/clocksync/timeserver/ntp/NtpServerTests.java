package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.ntp.NtpPacket;
import dev.clocksync.clock.ntp.NtpTimestamp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clock.offset=2500ms", "ntp.port=0", "ntp.stratum=1", "ntp.reference-id=CSYN",
        "ntp.rate-limit.requests-per-second=1000", "ntp.rate-limit.burst=1000"})
@AutoConfigureRestTestClient
class NtpServerTests {

    private static final long OFFSET = 2_500_000_000L;

    @Autowired
    NtpServer server;

    @org.junit.jupiter.api.BeforeEach
    void warm() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(server::warm);
    }

    @Autowired
    RestTestClient http;

    static byte[] request(int version, int mode, int length, long transmit) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        new NtpPacket(0, version, mode, 0, 6, -20, 0, 0, 0, 0, 0, 0, transmit).write(buffer);
        return buffer.array();
    }

    /** @return the reply's bytes, or empty if none came within half a second */
    static Optional<byte[]> exchange(int port, byte[] request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[1024];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException silence) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
        }
    }

    @Test
    void aVersion4ClientRequestGetsAServerReplyFromTheVirtualClock() throws IOException {
        long transmit = 0x1234_5678_9ABC_DEF0L;
        long before = TimeSource.system().wallEpochNanos();

        byte[] reply = exchange(server.port(), request(4, NtpPacket.MODE_CLIENT, 48, transmit)).orElseThrow();

        long after = TimeSource.system().wallEpochNanos();
        assertThat(reply).hasSize(48);
        NtpPacket packet = NtpPacket.read(ByteBuffer.wrap(reply));
        assertThat(packet.mode()).isEqualTo(NtpPacket.MODE_SERVER);
        assertThat(packet.version()).isEqualTo(4);
        assertThat(packet.leap()).isZero();
        assertThat(packet.stratum()).isEqualTo(1);
        assertThat(NtpPacket.referenceCode(packet.referenceId())).isEqualTo("CSYN");
        assertThat(packet.precision()).isBetween(-30, -10);
        assertThat(packet.origin()).isEqualTo(transmit);
        long t1 = NtpTimestamp.toEpochNanos(packet.receive(), before);
        long t2 = NtpTimestamp.toEpochNanos(packet.transmit(), before);
        assertThat(t1).isLessThanOrEqualTo(t2);
        assertThat(t1 - OFFSET).isBetween(before - 1, after + 1);
        assertThat(t2 - OFFSET).isBetween(before - 1, after + 1);
    }

    @Test
    void everyOneOfManyInterleavedClientsGetsItsOwnReply() throws IOException {
        // more clients than the transport remembers senders, each asking three times, in turn (a transmit
        // timestamp of 0 is not a request: it is dropped)
        java.util.List<DatagramSocket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                DatagramSocket client = new DatagramSocket();
                client.setSoTimeout(1000);
                clients.add(client);
            }
            for (int turn = 0; turn < 3; turn++) {
                for (int i = 0; i < clients.size(); i++) {
                    byte[] ask = request(4, NtpPacket.MODE_CLIENT, 48, 1 + turn * 1000L + i);
                    clients.get(i).send(new DatagramPacket(ask, ask.length, InetAddress.getLoopbackAddress(), server.port()));
                }
                for (int i = 0; i < clients.size(); i++) {
                    byte[] buffer = new byte[1024];
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    clients.get(i).receive(reply);
                    assertThat(NtpPacket.read(ByteBuffer.wrap(buffer, 0, reply.getLength())).origin())
                            .as("client %d, turn %d", i, turn).isEqualTo(1 + turn * 1000L + i);
                }
            }
        } finally {
            clients.forEach(DatagramSocket::close);
        }
    }

    @Test
    void theVersionIsEchoedAndTheReplyIsNeverLongerThanTheRequest() throws IOException {
        byte[] reply = exchange(server.port(), request(3, NtpPacket.MODE_CLIENT, 68, 42)).orElseThrow();

        assertThat(reply).hasSize(48);
        assertThat(NtpPacket.read(ByteBuffer.wrap(reply)).version()).isEqualTo(3);
    }

    @Test
    void malformedShortAndNonClientDatagramsGetNoReplyAndAreCounted() throws IOException {
        double before = dropped();

        assertThat(exchange(server.port(), new byte[47])).isEmpty();
        assertThat(exchange(server.port(), request(4, NtpPacket.MODE_SERVER, 48, 42))).isEmpty();
        assertThat(exchange(server.port(), request(4, 6, 48, 42))).as("control mode").isEmpty();
        assertThat(exchange(server.port(), request(2, NtpPacket.MODE_CLIENT, 48, 42))).isEmpty();
        assertThat(exchange(server.port(), request(4, NtpPacket.MODE_CLIENT, 48, 0))).isEmpty();
        assertThat(exchange(server.port(), "GET / HTTP/1.1\r\n\r\n".getBytes())).isEmpty();

        assertThat(dropped() - before).isEqualTo(6);
        assertThat(exchange(server.port(), request(4, NtpPacket.MODE_CLIENT, 48, 42))).as("still serving").isPresent();
    }

    private double dropped() {
        String prometheus = http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
        return prometheus.lines().filter(line -> line.startsWith("ntp_drops_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void metricsAndHealth() throws IOException {
        exchange(server.port(), request(4, NtpPacket.MODE_CLIENT, 48, 42)).orElseThrow();

        String prometheus = http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).contains("ntp_requests_total{").contains("ntp_replies_total{").contains("ntp_kod_total{")
                .contains("reason=\"too_short\"");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.ntp.status").isEqualTo("UP")
                .jsonPath("$.components.ntp.details.udpPort").isEqualTo(server.port());
    }
}
