package dev.clocksync.clock.ntp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 48-byte NTP header (RFC 5905 §7.3), without extension fields or MAC.
 *
 * @param leap           leap indicator: 0 no warning, 3 clock unsynchronized (also used in Kiss-o'-Death)
 * @param version        protocol version, 1 to 7 on the wire; this project speaks 3 and 4
 * @param mode           3 client, 4 server (others: symmetric, broadcast, control, private)
 * @param stratum        0 Kiss-o'-Death, 1 primary reference, 2–15 secondary, 16 unsynchronized
 * @param poll           log2 of the poll interval in seconds, signed
 * @param precision      log2 of the clock's precision in seconds, signed
 * @param rootDelay      round trip to the reference, NTP short format
 * @param rootDispersion dispersion to the reference, NTP short format
 * @param referenceId    reference identifier: four ASCII characters at stratum 0 and 1
 * @param reference      when the clock was last set, NTP timestamp
 * @param origin         the client's transmit timestamp, echoed by the server
 * @param receive        when the request arrived at the server
 * @param transmit       when the packet left its sender
 */
public record NtpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
                        int rootDispersion, int referenceId, long reference, long origin, long receive, long transmit) {

    /** The length of the header, and of every packet this project sends. */
    public static final int LENGTH = 48;

    public static final int MODE_CLIENT = 3;
    public static final int MODE_SERVER = 4;
    public static final int LEAP_UNSYNCHRONIZED = 3;
    /** Offset of the transmit timestamp, which a sender writes last, just before the packet leaves. */
    public static final int TRANSMIT_OFFSET = 40;

    /**
     * @return the header at the buffer's position; the buffer must hold at least {@link #LENGTH} bytes from there
     * @throws IllegalArgumentException if it holds fewer
     */
    public static NtpPacket read(ByteBuffer buffer) {
        if (buffer.remaining() < LENGTH) {
            throw new IllegalArgumentException("an NTP packet has at least " + LENGTH + " bytes, this one " + buffer.remaining());
        }
        int first = buffer.get() & 0xFF;
        return new NtpPacket(first >>> 6, (first >>> 3) & 0x7, first & 0x7, buffer.get() & 0xFF, buffer.get(), buffer.get(),
                buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong(), buffer.getLong(),
                buffer.getLong());
    }

    /** Writes the 48-byte header at the buffer's position. */
    public void write(ByteBuffer buffer) {
        buffer.put((byte) ((leap << 6) | (version << 3) | mode))
                .put((byte) stratum)
                .put((byte) poll)
                .put((byte) precision)
                .putInt(rootDelay)
                .putInt(rootDispersion)
                .putInt(referenceId)
                .putLong(reference)
                .putLong(origin)
                .putLong(receive)
                .putLong(transmit);
    }

    /** @return the header as 48 bytes */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        write(buffer);
        return buffer.array();
    }

    /** @return the four characters of a reference id or kiss code, e.g. {@code "RATE"} */
    public static int referenceId(String code) {
        byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length == 0 || ascii.length > 4) {
            throw new IllegalArgumentException("a reference id has one to four ASCII characters: " + code);
        }
        int id = 0;
        for (int i = 0; i < 4; i++) {
            id = (id << 8) | (i < ascii.length ? ascii[i] & 0xFF : 0);
        }
        return id;
    }

    /** @return the reference id as text, trailing NULs dropped */
    public static String referenceCode(int id) {
        StringBuilder code = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (id >>> shift) & 0xFF;
            if (c != 0) {
                code.append((char) c);
            }
        }
        return code.toString();
    }

    /** @return whether this is a Kiss-o'-Death packet (stratum 0) */
    public boolean isKissOfDeath() {
        return stratum == 0;
    }
}
