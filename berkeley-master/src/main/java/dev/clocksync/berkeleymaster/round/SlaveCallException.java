package dev.clocksync.berkeleymaster.round;

/** A call to a slave that did not work; {@link #status()} is what the round reports for the slave. */
class SlaveCallException extends RuntimeException {

    private final String status;

    private SlaveCallException(String status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
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

    String status() {
        return status;
    }
}
