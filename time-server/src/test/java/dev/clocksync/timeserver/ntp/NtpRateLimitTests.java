package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.ntp.NtpPacket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import static dev.clocksync.timeserver.ntp.NtpServerTests.exchange;
import static dev.clocksync.timeserver.ntp.NtpServerTests.request;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {"ntp.port=0", "ntp.rate-limit.requests-per-second=0.01", "ntp.rate-limit.burst=3"})
class NtpRateLimitTests {

    @Autowired
    NtpServer server;

    @org.junit.jupiter.api.BeforeEach
    void warm() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(server::warm);
    }

    @Test
    void aClientPollingTooFastIsKissedOfDeathOnceAndThenIgnored() throws IOException {
        for (int i = 0; i < 3; i++) {
            NtpPacket reply = NtpPacket.read(ByteBuffer.wrap(exchange(server.port(), request(4, 3, 48, 100 + i)).orElseThrow()));
            assertThat(reply.stratum()).as("request %d", i).isEqualTo(1);
        }

        NtpPacket kiss = NtpPacket.read(ByteBuffer.wrap(exchange(server.port(), request(4, 3, 48, 200)).orElseThrow()));
        Optional<byte[]> then = exchange(server.port(), request(4, 3, 48, 201));

        assertThat(kiss.isKissOfDeath()).isTrue();
        assertThat(NtpPacket.referenceCode(kiss.referenceId())).isEqualTo("RATE");
        assertThat(kiss.origin()).isEqualTo(200);
        assertThat(then).as("no more than one kiss a second").isEmpty();
    }
}
