package dev.clocksync.election;

import java.time.Duration;

/**
 * The timeouts of a node, in nanoseconds of a monotonic clock.
 *
 * @param heartbeatIntervalNanos  how often the coordinator sends heartbeats and followers check on it
 * @param failureTimeoutNanos     how long a follower waits without hearing from the coordinator before it
 *                                holds an election
 * @param answerTimeoutNanos      Bully: how long to wait for an ANSWER from a higher node
 * @param coordinatorTimeoutNanos Bully: how long to wait for the COORDINATOR after an ANSWER
 * @param ringTimeoutNanos        Ring: how long an election may take to produce a coordinator
 */
public record ElectionSettings(long heartbeatIntervalNanos, long failureTimeoutNanos, long answerTimeoutNanos,
        long coordinatorTimeoutNanos, long ringTimeoutNanos) {

    public ElectionSettings {
        requirePositive(heartbeatIntervalNanos, "heartbeat interval");
        requirePositive(failureTimeoutNanos, "failure timeout");
        requirePositive(answerTimeoutNanos, "answer timeout");
        requirePositive(coordinatorTimeoutNanos, "coordinator timeout");
        requirePositive(ringTimeoutNanos, "ring timeout");
        if (failureTimeoutNanos <= heartbeatIntervalNanos) {
            throw new IllegalArgumentException("the failure timeout must be longer than the heartbeat interval");
        }
    }

    /** @return settings from durations, in the order of the record's components */
    public static ElectionSettings of(Duration heartbeatInterval, Duration failureTimeout, Duration answerTimeout,
            Duration coordinatorTimeout, Duration ringTimeout) {
        return new ElectionSettings(heartbeatInterval.toNanos(), failureTimeout.toNanos(), answerTimeout.toNanos(),
                coordinatorTimeout.toNanos(), ringTimeout.toNanos());
    }

    /** @return the service's defaults: heartbeat 150 ms, failure 600 ms, answer 250 ms, coordinator 1 s, ring 1 s */
    public static ElectionSettings defaults() {
        return of(Duration.ofMillis(150), Duration.ofMillis(600), Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    private static void requirePositive(long nanos, String what) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + nanos + " ns");
        }
    }
}
