package dev.clocksync.timeserver.ntp;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP socket for the NTP server, one per serving thread, with the buffers it receives into and
 * sends from. Where the platform allows, it gives the kernel's receive timestamp of each datagram
 * (the time the datagram arrived, before any thread woke up to read it).
 */
interface NtpTransport extends Closeable {

    /**
     * Waits for a datagram, at most a fraction of a second.
     *
     * @return the sender, or null if none arrived in that time; the datagram is then in {@link #received()}
     */
    SocketAddress receive() throws IOException;

    /** @return the last datagram received, from position 0 to its length */
    ByteBuffer received();

    /** @return the host wall clock, nanoseconds since the Unix epoch, when the kernel received the last datagram; -1 if unknown */
    long receivedHostNanos();

    /** @return the buffer to write a reply into, cleared */
    ByteBuffer reply();

    /** Sends {@link #reply()} from position 0 to its position. */
    void send(SocketAddress to) throws IOException;

    /** @return the local UDP port */
    int port();

    boolean isOpen();

    /** @return what the transport is, for the logs */
    String describe();
}
