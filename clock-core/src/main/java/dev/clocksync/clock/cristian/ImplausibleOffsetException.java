package dev.clocksync.clock.cristian;

/** The measured correction is larger than the panic threshold (or than the clock can take); the clock was left alone. */
public class ImplausibleOffsetException extends RuntimeException {

    private final transient CristianSample sample;

    public ImplausibleOffsetException(CristianSample sample, long panicThresholdNanos) {
        super("a correction of " + sample.correctionNanos() + " ns exceeds the panic threshold of "
                + panicThresholdNanos + " ns; the clock is left alone");
        this.sample = sample;
    }

    /** @return the sample that measured it */
    public CristianSample sample() {
        return sample;
    }
}
