package dev.clocksync.berkeleymaster.round;

/** A call to a slave that did not work; {@link #status()} is what the round reports for the slave. */
class SlaveCallException extends RuntimeException {

    private final String status;
    /** fenced: the term the slave has accepted; otherwise -1 */
    private final long acceptedTerm;

    private SlaveCallException(String status, String message, Throwable cause) {
        this(status, message, cause, -1);
    }

    private SlaveCallException(String status, String message, Throwable cause, long acceptedTerm) {
        super(message, cause);
        this.status = status;
        this.acceptedTerm = acceptedTerm;
    }

    static SlaveCallException unreachable(Exception cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new SlaveCallException("unreachable", "the slave did not answer in time: " + root.getClass().getSimpleName(), cause);
    }

    static SlaveCallException failed(String message) {
        return new SlaveCallException("failed", message, null);
    }

    static SlaveCallException rejected(String message) {
        return new SlaveCallException("rejected", message, null);
    }

    static SlaveCallException conflict(String message) {
        return new SlaveCallException("conflict", message, null);
    }

    /** The slave follows a master of term {@code acceptedTerm}, and refused this master's adjustment (409 stale-term). */
    static SlaveCallException fenced(long acceptedTerm, String message) {
        return new SlaveCallException("fenced", message, null, acceptedTerm);
    }

    long acceptedTerm() {
        return acceptedTerm;
    }

    String status() {
        return status;
    }
}
