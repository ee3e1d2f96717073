package dev.clocksync.clock.cristian;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollIntervalTests {

    private final PollInterval interval = new PollInterval(Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void afterTheFirstGoodSyncDoublesOnEachFailureUpToTheMaximumAndResetsOnSuccess() {
        assertThat(interval.current()).hasSeconds(5);
        assertThat(interval.succeeded()).hasSeconds(5);
        assertThat(interval.failed()).hasSeconds(10);
        assertThat(interval.failed()).hasSeconds(20);
        assertThat(interval.failed()).hasSeconds(40);
        assertThat(interval.failed()).hasSeconds(60);
        assertThat(interval.failed()).hasSeconds(60);
        assertThat(interval.succeeded()).hasSeconds(5);
    }

    @Test
    void beforeTheFirstGoodSyncRetriesFromTheStartUpIntervalAndStillBacksOff() {
        assertThat(interval.failed()).isEqualTo(PollInterval.STARTUP);
        assertThat(interval.failed()).hasSeconds(2);
        assertThat(interval.failed()).hasSeconds(4);
        assertThat(interval.failed()).hasSeconds(8);
        assertThat(interval.failed()).hasSeconds(16);
        assertThat(interval.failed()).hasSeconds(32);
        assertThat(interval.failed()).hasSeconds(60);
        assertThat(interval.succeeded()).hasSeconds(5);
        assertThat(interval.failed()).hasSeconds(10);
    }

    @Test
    void looseSyncsBeforeTheFirstGoodOneArePolledAtTheStartUpPaceUpToTheInterval() {
        assertThat(interval.succeededLoosely()).isEqualTo(PollInterval.STARTUP);
        assertThat(interval.succeededLoosely()).hasSeconds(2);
        assertThat(interval.succeededLoosely()).hasSeconds(4);
        assertThat(interval.succeededLoosely()).hasSeconds(5);
        assertThat(interval.succeededLoosely()).hasSeconds(5);
        assertThat(interval.succeeded()).hasSeconds(5);
        assertThat(interval.succeededLoosely()).hasSeconds(5);
        assertThat(interval.failed()).hasSeconds(10);
    }

    @Test
    void failuresAndLooseSyncsBeforeTheFirstGoodOneShareTheStartUpPace() {
        assertThat(interval.failed()).isEqualTo(PollInterval.STARTUP);
        assertThat(interval.succeededLoosely()).hasSeconds(2);
        assertThat(interval.failed()).hasSeconds(4);
        assertThat(interval.failed()).hasSeconds(8);
        assertThat(interval.succeededLoosely()).hasSeconds(5);
    }

    @Test
    void theStartUpIntervalIsNeverLongerThanTheInterval() {
        PollInterval fast = new PollInterval(Duration.ofMillis(200), Duration.ofSeconds(60));
        assertThat(fast.failed()).hasMillis(200);
        assertThat(fast.failed()).hasMillis(400);
        assertThat(fast.succeededLoosely()).hasMillis(200);
        assertThat(new PollInterval(Duration.ofMillis(200), Duration.ofSeconds(60)).succeededLoosely()).hasMillis(200);
    }

    @Test
    void aRateLimitedPollWaitsAtLeastAsLongAsTheServerAsks() {
        interval.succeeded();
        assertThat(interval.rateLimited(Duration.ofSeconds(3))).hasSeconds(10);
        assertThat(interval.rateLimited(Duration.ofSeconds(90))).hasSeconds(90);
        assertThat(interval.failed()).hasSeconds(60);
    }

    @Test
    void aRateLimitedPollBeforeTheFirstGoodSyncAlsoWaitsAsLongAsTheServerAsks() {
        assertThat(interval.rateLimited(Duration.ofSeconds(3))).hasSeconds(3);
        assertThat(interval.rateLimited(Duration.ofMillis(500))).hasSeconds(6);
    }

    @Test
    void refusesIntervalsThatCannotWork() {
        assertThatThrownBy(() -> new PollInterval(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollInterval(Duration.ofSeconds(10), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
