package dev.clocksync.election;

import java.util.Locale;

/** The election algorithms a node can run. */
public enum Algorithm {

    /** Garcia-Molina's Bully: ELECTION to every higher id, ANSWER from the live ones, COORDINATOR to all. */
    BULLY,

    /** The ring (Chang–Roberts, as Tanenbaum tells it): one ELECTION collects the participants around the ring. */
    RING;

    /** @return the lower-case name used in configuration and JSON ({@code bully}, {@code ring}) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label {@code bully} or {@code ring}, in any case
     * @return the algorithm
     * @throws IllegalArgumentException for anything else
     */
    public static Algorithm ofLabel(String label) {
        for (Algorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(label)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + label + "': bully or ring");
    }
}
