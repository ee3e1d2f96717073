package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.berkeley.SlaveMeasurement.RecentDelays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentDelaysTests {

    @Test
    void theUsualDelayIsTheLargestOfTheLastFour() {
        RecentDelays delays = RecentDelays.of(900);
        assertThat(delays.usual()).isEqualTo(900);

        delays = delays.with(300).with(500);
        assertThat(delays.delays()).containsExactly(900, 300, 500);
        assertThat(delays.usual()).isEqualTo(900);

        delays = delays.with(400);
        assertThat(delays.delays()).containsExactly(900, 300, 500, 400);
        assertThat(delays.usual()).isEqualTo(900);

        delays = delays.with(200);
        assertThat(delays.delays()).as("the oldest dropped").containsExactly(300, 500, 400, 200);
        assertThat(delays.usual()).isEqualTo(500);
    }

    @Test
    void addingLeavesTheEarlierDelaysAsTheyWere() {
        RecentDelays three = RecentDelays.of(1).with(2).with(3);
        three.with(4).with(5);
        assertThat(three.delays()).containsExactly(1, 2, 3);
    }
}
