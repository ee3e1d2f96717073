package dev.clocksync.clock;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsTests {

    @Test
    void convertsBothWaysWithNanosecondPrecision() {
        Instant instant = Instant.parse("2026-11-26T10:15:30.123456789Z");

        long nanos = Instants.toEpochNanos(instant);

        assertThat(nanos).isEqualTo(1_795_688_130_123_456_789L);
        assertThat(Instants.ofEpochNanos(nanos)).isEqualTo(instant);
    }

    @Test
    void handlesInstantsBeforeTheEpoch() {
        Instant instant = Instant.parse("1969-12-31T23:59:59.999999999Z");

        assertThat(Instants.toEpochNanos(instant)).isEqualTo(-1);
        assertThat(Instants.ofEpochNanos(-1)).isEqualTo(instant);
    }

    @Test
    void refusesInstantsOutsideTheRangeOfALong() {
        assertThatThrownBy(() -> Instants.toEpochNanos(Instant.parse("2300-01-01T00:00:00Z"))).isInstanceOf(ArithmeticException.class);
    }
}
