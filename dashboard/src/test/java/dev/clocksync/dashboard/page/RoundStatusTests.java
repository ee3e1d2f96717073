package dev.clocksync.dashboard.page;

import dev.clocksync.dashboard.DashboardProperties.Service;
import dev.clocksync.dashboard.watch.Probe;
import dev.clocksync.dashboard.watch.Readings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoundStatusTests {

    private static final List<Service> MASTERS = List.of(new Service("master", URI.create("http://127.0.0.1:8080")),
            new Service("master-2", URI.create("http://127.0.0.1:8090")));

    private static Readings.Round round(long number, long term, String leader) {
        return new Readings.Round(number, term, leader, "scheduled", Instant.EPOCH, 40, 1_000_000, 0, 0, 0, null, null, 0,
                List.of());
    }

    private static Probe<Readings.Round> answered(Readings.Round round) {
        return Probe.<Readings.Round>pending().answered(round, 1_000);
    }

    private static Probe<Readings.Round> failed(Probe<Readings.Round> before, String why) {
        return before.failed(why, 2_000);
    }

    @Test
    void theNewestRoundAnyMasterAnswersIsShownOfTheHighestTermFirst() {
        // master-2 was cut off and still answers its own old round; master leads a newer term.
        Snapshot.RoundStatus status = Snapshot.RoundStatus.of(MASTERS, Map.of(
                "master", answered(round(2, 5, "master")), "master-2", answered(round(9, 4, "master-2"))));

        assertThat(status.up()).isTrue();
        assertThat(status.name()).isEqualTo("master");
        assertThat(status.url()).isEqualTo("http://127.0.0.1:8080");
        assertThat(status.latest().round()).isEqualTo(2);
        assertThat(status.error()).isNull();
    }

    @Test
    void aMasterThatAnswersIsPreferredToOneThatDoesNot() {
        Snapshot.RoundStatus status = Snapshot.RoundStatus.of(MASTERS, Map.of(
                "master", failed(answered(round(8, 3, "master")), "answered 503"),
                "master-2", answered(null)));

        assertThat(status.up()).isTrue();
        assertThat(status.name()).isEqualTo("master-2");
        assertThat(status.latest()).as("no round yet, as the master that answers says").isNull();
    }

    @Test
    void withNoMasterAnsweringTheLastRoundIsKeptWithEachMastersReason() {
        Snapshot.RoundStatus status = Snapshot.RoundStatus.of(MASTERS, Map.of(
                "master", failed(answered(round(8, 3, "master")), "answered 503"),
                "master-2", failed(Probe.pending(), "Connection refused")));

        assertThat(status.up()).isFalse();
        assertThat(status.latest().round()).isEqualTo(8);
        assertThat(status.error()).isEqualTo("master: answered 503; master-2: Connection refused");
    }
}
