package dev.clocksync.support.timestamp;

import dev.clocksync.support.clock.ClockView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written answers are the JSON Jackson writes of the same records: the shared contract holds. */
class TimestampedAnswerTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"KMC", "mobile", "a \"quoted\" name", "back\\slash", "tab\tand\nnewline", "Zürich ⏰", "\u0001"})
    void aClockViewIsWrittenAsJacksonWritesItWhateverTheNodesName(String node) {
        ClockView view = new ClockView(node, Instant.parse("2026-11-28T04:37:16.346974339Z"), 1_795_840_636_346_974_339L,
                -250_000_000L, 12.5, -866_313L, 1_795_840_636_596_974_339L, 1_795_840_636_346_325_923L);

        assertThat(json.readTree(view.answer().toBytes())).isEqualTo(json.readTree(json.writeValueAsBytes(view)));
    }

    @Test
    void randomReadingsAreWrittenAsJacksonWritesThem() {
        Random random = new Random(28);
        for (int i = 0; i < 2_000; i++) {
            long epoch = random.nextLong(4_000_000_000_000_000_000L);
            double drift = switch (i % 4) {
                case 0 -> 0.0;
                case 1 -> random.nextInt(2_001) - 1_000;
                case 2 -> (random.nextDouble() - 0.5) * 2_000;
                default -> random.nextDouble() * 1e-6;
            };
            Long receive = i % 3 == 0 ? null : epoch - random.nextInt(1_000_000);
            ClockView view = new ClockView("node-" + i, Instant.ofEpochSecond(0, epoch), epoch, random.nextLong(),
                    drift, random.nextLong(), random.nextLong(), receive);

            assertThat(json.readTree(view.answer().toBytes())).as(view.toString()).isEqualTo(json.readTree(json.writeValueAsBytes(view)));
        }
    }

    @Test
    void instantsKeepTheirNanosecondsAsJacksonDoes() {
        for (long nanos : new long[] {0, 1, 1_000, 1_000_000, 123_456_789, 120_000_000}) {
            Instant time = Instant.ofEpochSecond(1_795_840_636L, nanos);
            byte[] hand = new TimestampedAnswer().time("time", time).toBytes();

            assertThat(json.readTree(hand).get("time").asString()).isEqualTo(json.readTree(json.writeValueAsBytes(time)).asString());
        }
    }

    @Test
    void anEmptyAnswerIsAnEmptyObjectAndNumbersThatJsonCannotHoldAreRefused() {
        assertThat(new String(new TimestampedAnswer().toBytes())).isEqualTo("{}");
        assertThatThrownBy(() -> new TimestampedAnswer().number("driftPpm", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("driftPpm");
        assertThatThrownBy(() -> new TimestampedAnswer().number("driftPpm", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
