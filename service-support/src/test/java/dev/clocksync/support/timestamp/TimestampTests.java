package dev.clocksync.support.timestamp;

import dev.clocksync.support.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t1 and t2 of {@code GET /clock} over a real Tomcat: t1 is when Tomcat began reading the request, not when
 * the application got it, and the answer is complete JSON of its stated length.
 */
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimestampTests {

    private static final Duration DAWDLE = Duration.ofMillis(400);

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theReceiveTimestampIsWhenTomcatBeganReadingTheRequest() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /clock HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(DAWDLE.toMillis());
            out.write("Accept: application/json\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
            JsonNode clock = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            long hold = clock.get("epochNanos").asLong() - clock.get("receiveEpochNanos").asLong();
            assertThat(hold).as("the request's first bytes came %s before its end", DAWDLE)
                    .isGreaterThanOrEqualTo(DAWDLE.toNanos() - Duration.ofMillis(50).toNanos())
                    .isLessThan(Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void aPromptRequestIsHeldBrieflyAndAnsweredWithItsWholeLength() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /clock HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            String body = answer.substring(head.length() + 4);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/json")
                    .containsIgnoringCase("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
            JsonNode clock = json.readTree(body);
            assertThat(clock.get("node").asString()).isEqualTo("support-test");
            assertThat(clock.get("offsetNanos").asLong()).isEqualTo(-250_000_000L);
            long hold = clock.get("epochNanos").asLong() - clock.get("receiveEpochNanos").asLong();
            assertThat(hold).isBetween(0L, Duration.ofSeconds(5).toNanos());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
