package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.ExchangeTimer;
import dev.clocksync.clock.ntp.NtpPacket;
import dev.clocksync.clock.ntp.NtpTimestamp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * One exchange with the time server over NTP (an SNTP client request, RFC 4330): a version-4 client
 * packet whose transmit timestamp is a random nonce (RFC 9109: it reveals nothing and lets the reply be
 * matched), t0 just before it is sent and t3 just after the reply is received, on a fresh socket so
 * that no stale reply can be taken for this one. Kiss-o'-Death RATE counts as being rate-limited.
 */
class NtpTimeServer implements TimeServer {

    private final VirtualClock clock;
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final SecureRandom random = new SecureRandom();

    NtpTimeServer(CristianProperties properties, VirtualClock clock) {
        this.clock = clock;
        this.host = properties.serverUrl().getHost();
        this.port = properties.ntpPort();
        this.timeoutMillis = (int) Math.max(1, properties.readTimeout().toMillis());
    }

    @Override
    public CristianSample exchange() {
        long nonce = random.nextLong() | 1;
        byte[] request = new NtpPacket(0, 4, NtpPacket.MODE_CLIENT, 0, 0, 0, 0, 0, 0, 0, 0, 0, nonce).toBytes();
        byte[] buffer = new byte[512];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        ExchangeTimer timer;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout(timeoutMillis);
            timer = ExchangeTimer.start(clock);
            socket.send(new DatagramPacket(request, request.length));
            socket.receive(reply);
            timer.stop();
        } catch (SocketTimeoutException e) {
            throw TimeServerException.unavailable("the time server sent no NTP reply within " + timeoutMillis + " ms", e);
        } catch (PortUnreachableException e) {
            throw TimeServerException.unavailable("the time server refused NTP (port " + port + " unreachable)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw TimeServerException.unavailable("the time server is unreachable over NTP: " + e.getClass().getSimpleName(), e);
        }
        if (reply.getLength() < NtpPacket.LENGTH) {
            throw TimeServerException.unavailable("the NTP reply is too short (" + reply.getLength() + " bytes)", null);
        }
        NtpPacket packet = NtpPacket.read(ByteBuffer.wrap(buffer, 0, reply.getLength()));
        if (packet.mode() != NtpPacket.MODE_SERVER || packet.origin() != nonce) {
            throw TimeServerException.unavailable("the NTP reply does not answer this request", null);
        }
        if (packet.isKissOfDeath()) {
            String code = NtpPacket.referenceCode(packet.referenceId());
            if ("RATE".equals(code)) {
                throw TimeServerException.rateLimited(Duration.ofSeconds(1L << Math.max(4, Math.min(17, packet.poll()))));
            }
            throw TimeServerException.unavailable("the time server sent a Kiss-o'-Death " + code, null);
        }
        if (packet.leap() == NtpPacket.LEAP_UNSYNCHRONIZED || packet.stratum() > 15 || packet.transmit() == 0 || packet.receive() == 0) {
            throw TimeServerException.unavailable("the time server says it is not synchronized", null);
        }
        long pivot = clock.epochNanos();
        try {
            return timer.sample(NtpTimestamp.toEpochNanos(packet.receive(), pivot), NtpTimestamp.toEpochNanos(packet.transmit(), pivot));
        } catch (IllegalArgumentException e) {
            throw TimeServerException.unavailable("the time server's timestamps are inconsistent: " + e.getMessage(), e);
        }
    }
}
