package dev.clocksync.clock.ntp;

import java.nio.ByteBuffer;

/**
 * The server side of NTP's client/server mode, minus the socket (RFC 5905 §9–§10, RFC 4330 §5): what to
 * answer to a datagram. A client request (mode 3) of version 3 or 4 gets a server reply (mode 4) of the
 * same version, with the client's transmit timestamp echoed as origin and the receive timestamp given;
 * anything else (too short, another mode, another version) gets no answer at all. A client over its rate
 * gets a Kiss-o'-Death RATE instead. The reply is 48 bytes, never longer than the request. The transmit
 * timestamp is left for the caller to write ({@link #stampTransmit}) as the last thing before sending.
 */
public final class NtpResponder {

    /** Why a datagram got no answer. */
    public enum Drop { TOO_SHORT, NOT_A_CLIENT_REQUEST, UNSUPPORTED_VERSION, NO_TRANSMIT_TIMESTAMP }

    private final int stratum;
    private final int referenceId;
    private final int precision;
    private final int rootDispersion;

    /**
     * @param stratum       the server's stratum, 1 to 15
     * @param referenceCode its reference id, one to four ASCII characters (e.g. {@code LOCL}, or an IPv4 address's bytes at stratum 2+)
     * @param precision     log2 of its clock's precision in seconds, e.g. −24 for 60 ns
     * @param rootDispersionNanos its dispersion to the reference
     */
    public NtpResponder(int stratum, String referenceCode, int precision, long rootDispersionNanos) {
        if (stratum < 1 || stratum > 15) {
            throw new IllegalArgumentException("a serving stratum is 1 to 15, was " + stratum);
        }
        if (precision < -32 || precision > 0) {
            throw new IllegalArgumentException("precision is log2 seconds, -32 to 0, was " + precision);
        }
        this.stratum = stratum;
        this.referenceId = NtpPacket.referenceId(referenceCode);
        this.precision = precision;
        this.rootDispersion = NtpTimestamp.shortFormat(rootDispersionNanos);
    }

    /**
     * @param request        the datagram, from its position to its limit
     * @param receiveNanos   t1: the server clock when it arrived, nanoseconds since the Unix epoch
     * @param rateLimited    whether the client is over its rate (answer with a Kiss-o'-Death RATE)
     * @param reply          where to write the 48-byte reply (from its position); untouched on a drop
     * @return null if the reply was written, else why nothing is to be sent
     */
    public Drop respond(ByteBuffer request, long receiveNanos, boolean rateLimited, ByteBuffer reply) {
        if (request.remaining() < NtpPacket.LENGTH) {
            return Drop.TOO_SHORT;
        }
        int start = request.position();
        int first = request.get(start) & 0xFF;
        int version = (first >>> 3) & 0x7;
        int mode = first & 0x7;
        if (mode != NtpPacket.MODE_CLIENT) {
            return Drop.NOT_A_CLIENT_REQUEST;
        }
        if (version != 3 && version != 4) {
            return Drop.UNSUPPORTED_VERSION;
        }
        long clientTransmit = request.getLong(start + NtpPacket.TRANSMIT_OFFSET);
        if (clientTransmit == 0) {
            return Drop.NO_TRANSMIT_TIMESTAMP;
        }
        int poll = Math.max(4, Math.min(17, request.get(start + 2)));
        long receive = NtpTimestamp.fromEpochNanos(receiveNanos);
        NtpPacket packet = rateLimited
                ? new NtpPacket(NtpPacket.LEAP_UNSYNCHRONIZED, version, NtpPacket.MODE_SERVER, 0, poll, precision, 0, 0,
                        NtpPacket.referenceId("RATE"), 0, clientTransmit, receive, 0)
                : new NtpPacket(0, version, NtpPacket.MODE_SERVER, stratum, poll, precision, 0, rootDispersion, referenceId,
                        receive & ~0xFFFF_FFFFL, clientTransmit, receive, 0);
        packet.write(reply);
        return null;
    }

    /** Writes the transmit timestamp into a 48-byte packet that starts at {@code offset}. */
    public static void stampTransmit(ByteBuffer packet, int offset, long transmitNanos) {
        packet.putLong(offset + NtpPacket.TRANSMIT_OFFSET, NtpTimestamp.fromEpochNanos(transmitNanos));
    }
}
