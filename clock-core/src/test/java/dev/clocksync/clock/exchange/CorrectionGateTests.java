package dev.clocksync.clock.exchange;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorrectionGateTests {

    private static final long MICROS = 1_000L;
    private static final long MILLIS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final CorrectionGate gate = new CorrectionGate(100);

    @Test
    void aClockNeverCorrectedTakesAnyMeasurement() {
        CorrectionGate.Verdict verdict = gate.assess("KMC", 3 * SECOND, 40 * MILLIS, 0);

        assertThat(verdict.correct()).isTrue();
        assertThat(verdict.knownWithinNanos()).isNull();
        assertThat(verdict.reason()).isNull();
        assertThat(gate.knownWithin("KMC", 0)).isNull();
    }

    @Test
    void whatIsKnownOfAClockDecaysByTheDriftAllowed() {
        gate.corrected("KMC", 50 * MICROS, 10 * SECOND);

        assertThat(gate.knownWithin("KMC", 10 * SECOND)).isEqualTo(50 * MICROS);
        assertThat(gate.knownWithin("KMC", 11 * SECOND)).as("100 ppm of a second").isEqualTo(150 * MICROS);
        assertThat(gate.knownWithin("KMC", 70 * SECOND)).isEqualTo(50 * MICROS + 6 * MILLIS);
        assertThat(gate.knownWithin("KMC", 5 * SECOND)).as("no earlier than the correction").isEqualTo(50 * MICROS);
    }

    @Test
    void aLooserMeasurementLeavesTheClockAloneUntilWhatIsKnownHasDecayedPastIt() {
        gate.corrected("KMC", 50 * MICROS, 0);

        CorrectionGate.Verdict spike = gate.assess("KMC", 3 * MILLIS, 6 * MILLIS, SECOND);
        assertThat(spike.correct()).isFalse();
        assertThat(spike.knownWithinNanos()).isEqualTo(150 * MICROS);
        assertThat(spike.reason()).contains("±6000000 ns", "±150000 ns", "left alone");

        assertThat(gate.assess("KMC", 3 * MILLIS, 6 * MILLIS, 60 * SECOND).correct()).as("known within 6.05 ms by then").isTrue();
    }

    @Test
    void aTighterMeasurementIsTaken() {
        gate.corrected("KMC", 200 * MICROS, 0);

        assertThat(gate.assess("KMC", 100 * MICROS, 150 * MICROS, SECOND).correct()).isTrue();
        assertThat(gate.assess("KMC", 100 * MICROS, 300 * MICROS, SECOND).correct()).as("exactly as known").isTrue();
        assertThat(gate.assess("KMC", 100 * MICROS, 301 * MICROS, SECOND).correct()).isFalse();
    }

    @Test
    void aMeasurementThatCannotBeReconciledWithWhatIsKnownIsTakenWhateverItsBound() {
        gate.corrected("KMC", 50 * MICROS, 0);

        // Restarted with its configured skew, or moved by hand: nowhere near where it was sent.
        assertThat(gate.assess("KMC", 3 * SECOND, 6 * MILLIS, SECOND).correct()).isTrue();
        assertThat(gate.assess("KMC", -3 * SECOND, 6 * MILLIS, SECOND).correct()).isTrue();
        assertThat(gate.assess("KMC", 6 * MILLIS + 150 * MICROS, 6 * MILLIS, SECOND).correct()).as("the ranges touch").isFalse();
        assertThat(gate.assess("KMC", 6 * MILLIS + 151 * MICROS, 6 * MILLIS, SECOND).correct()).isTrue();
    }

    @Test
    void aClockLeftAloneWhileItsReferenceMovedIsExpectedBehindIt() {
        gate.corrected("KMC", 50 * MICROS, 0);
        gate.referenceMoved("KMC", 10 * MILLIS);

        assertThat(gate.assess("KMC", -10 * MILLIS, MILLIS, SECOND).correct()).as("where it is expected, loosely").isFalse();
        assertThat(gate.assess("KMC", 0, MILLIS, SECOND).correct()).as("not where it is expected").isTrue();
        assertThat(gate.knownWithin("KMC", SECOND)).as("moving the reference is exact").isEqualTo(150 * MICROS);
        gate.referenceMoved("SOLS", MILLIS);
        assertThat(gate.knownWithin("SOLS", SECOND)).as("not known, not made known").isNull();
    }

    @Test
    void aForgottenClockTakesAnyMeasurementAgain() {
        gate.corrected("KMC", 50 * MICROS, 0);
        gate.forget("KMC");

        assertThat(gate.assess("KMC", 0, 6 * MILLIS, SECOND).correct()).isTrue();
        assertThat(gate.knownWithin("KMC", SECOND)).isNull();
    }

    @Test
    void clocksAreKnownApart() {
        gate.corrected("KMC", 50 * MICROS, 0);

        assertThat(gate.assess("MIT", 0, 6 * MILLIS, SECOND).correct()).isTrue();
        assertThat(gate.assess("KMC", 0, 6 * MILLIS, SECOND).correct()).isFalse();
    }

    @Test
    void extremesSaturateInsteadOfOverflowing() {
        CorrectionGate fast = new CorrectionGate(1_000_000);
        fast.corrected("KMC", Long.MAX_VALUE - 1, 0);

        assertThat(fast.knownWithin("KMC", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(fast.assess("KMC", Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE).correct()).isTrue();
        fast.referenceMoved("KMC", Long.MIN_VALUE);
        fast.referenceMoved("KMC", Long.MIN_VALUE);
        assertThat(fast.assess("KMC", Long.MAX_VALUE, 0, 0).correct()).isTrue();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new CorrectionGate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorrectionGate(1_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gate.assess("KMC", 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gate.corrected("KMC", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMemoryStartsOverPastItsLimit() {
        for (int i = 0; i < CorrectionGate.MAX_REMEMBERED; i++) {
            gate.corrected("slave-" + i, MICROS, 0);
        }
        assertThat(gate.knownWithin("slave-0", 0)).isEqualTo(MICROS);
        gate.corrected("slave-0", 2 * MICROS, 0);
        assertThat(gate.knownWithin("slave-1", 0)).as("a known clock corrected again keeps the others").isEqualTo(MICROS);

        gate.corrected("one-too-many", MICROS, 0);

        assertThat(gate.knownWithin("slave-1", 0)).isNull();
        assertThat(gate.knownWithin("one-too-many", 0)).isEqualTo(MICROS);
    }
}
