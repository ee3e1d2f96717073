package dev.clocksync.dashboard.watch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTests {

    @Test
    void aFailedReadKeepsTheLastGoodValueButIsDown() {
        Probe<String> probe = Probe.<String>pending().answered("v1", 100).failed("Connection refused", 200);

        assertThat(probe.up()).isFalse();
        assertThat(probe.value()).isEqualTo("v1");
        assertThat(probe.error()).isEqualTo("Connection refused");
        assertThat(probe.answeredAt()).isEqualTo(100);
        assertThat(probe.checkedAt()).isEqualTo(200);
    }

    @Test
    void aProbeNotReadForTooLongIsDown() {
        Probe<String> probe = Probe.<String>pending().answered("v1", 1_000);

        assertThat(probe.at(3_000, 2_000).up()).isTrue();
        assertThat(probe.at(3_001, 2_000).up()).isFalse();
        assertThat(probe.at(3_001, 2_000).error()).isEqualTo("no answer for 2001 ms");
        assertThat(probe.at(3_001, 2_000).value()).isEqualTo("v1");
    }

    @Test
    void nothingReadYetIsDown() {
        assertThat(Probe.pending().up()).isFalse();
        assertThat(Probe.pending().error()).isEqualTo("not read yet");
    }
}
