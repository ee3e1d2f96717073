package dev.clocksync.clock.cristian;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollIntervalTests {

    private final PollInterval interval = new PollInterval(Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void doublesOnEachFailureUpToTheMaximumAndResetsOnSuccess() {
        assertThat(interval.current()).hasSeconds(5);
        assertThat(interval.failed()).hasSeconds(10);
        assertThat(interval.failed()).hasSeconds(20);
        assertThat(interval.failed()).hasSeconds(40);
        assertThat(interval.failed()).hasSeconds(60);
        assertThat(interval.failed()).hasSeconds(60);
        assertThat(interval.succeeded()).hasSeconds(5);
    }

    @Test
    void aRateLimitedPollWaitsAtLeastAsLongAsTheServerAsks() {
        assertThat(interval.rateLimited(Duration.ofSeconds(3))).hasSeconds(10);
        assertThat(interval.rateLimited(Duration.ofSeconds(90))).hasSeconds(90);
        assertThat(interval.failed()).hasSeconds(60);
    }

    @Test
    void refusesIntervalsThatCannotWork() {
        assertThatThrownBy(() -> new PollInterval(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollInterval(Duration.ofSeconds(10), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
