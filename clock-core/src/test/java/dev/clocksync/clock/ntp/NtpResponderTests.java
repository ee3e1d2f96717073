package dev.clocksync.clock.ntp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NtpResponderTests {

    private static final long T1 = 1_795_688_130_123_456_789L;
    private static final long CLIENT_TRANSMIT = 0xEEB1_9D42_1234_5678L;

    private final NtpResponder responder = new NtpResponder(1, "LOCL", -24, 15_258);

    private static ByteBuffer request(int version, int mode, int length, long transmit) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        new NtpPacket(0, version, mode, 0, 6, -20, 0, 0, 0, 0, 0, 0, transmit).write(buffer);
        return buffer.position(0);
    }

    private NtpPacket answer(ByteBuffer request, boolean rateLimited) {
        ByteBuffer reply = ByteBuffer.allocate(NtpPacket.LENGTH);
        assertThat(responder.respond(request, T1, rateLimited, reply)).isNull();
        assertThat(reply.position()).isEqualTo(NtpPacket.LENGTH);
        NtpResponder.stampTransmit(reply, 0, T1 + 7_000);
        return NtpPacket.read(reply.flip());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void aClientRequestGetsAServerReplyOfTheSameVersion(int version) {
        NtpPacket reply = answer(request(version, NtpPacket.MODE_CLIENT, 48, CLIENT_TRANSMIT), false);

        assertThat(reply.leap()).isZero();
        assertThat(reply.version()).isEqualTo(version);
        assertThat(reply.mode()).isEqualTo(NtpPacket.MODE_SERVER);
        assertThat(reply.stratum()).isEqualTo(1);
        assertThat(NtpPacket.referenceCode(reply.referenceId())).isEqualTo("LOCL");
        assertThat(reply.poll()).isEqualTo(6);
        assertThat(reply.precision()).isEqualTo(-24);
        assertThat(reply.rootDelay()).isZero();
        assertThat(reply.rootDispersion()).isEqualTo(1);
        assertThat(reply.origin()).as("the client's transmit timestamp, echoed").isEqualTo(CLIENT_TRANSMIT);
        assertThat(NtpTimestamp.toEpochNanos(reply.receive(), T1)).isEqualTo(T1);
        assertThat(NtpTimestamp.toEpochNanos(reply.transmit(), T1)).isEqualTo(T1 + 7_000);
        assertThat(NtpTimestamp.toEpochNanos(reply.reference(), T1)).isEqualTo(T1 / 1_000_000_000L * 1_000_000_000L);
    }

    @Test
    void aRequestWithExtensionsOrAMacGetsA48ByteReply() {
        ByteBuffer request = request(4, NtpPacket.MODE_CLIENT, 68, CLIENT_TRANSMIT);
        ByteBuffer reply = ByteBuffer.allocate(68);

        assertThat(responder.respond(request, T1, false, reply)).isNull();

        assertThat(reply.position()).isEqualTo(48);
    }

    @Test
    void aClientOverItsRateIsKissedOfDeath() {
        NtpPacket kiss = answer(request(4, NtpPacket.MODE_CLIENT, 48, CLIENT_TRANSMIT), true);

        assertThat(kiss.isKissOfDeath()).isTrue();
        assertThat(kiss.leap()).isEqualTo(NtpPacket.LEAP_UNSYNCHRONIZED);
        assertThat(NtpPacket.referenceCode(kiss.referenceId())).isEqualTo("RATE");
        assertThat(kiss.origin()).isEqualTo(CLIENT_TRANSMIT);
        assertThat(kiss.mode()).isEqualTo(NtpPacket.MODE_SERVER);
    }

    @Test
    void whatIsNotAVersion3Or4ClientRequestGetsNoAnswer() {
        ByteBuffer untouched = ByteBuffer.allocate(48);
        assertThat(responder.respond(request(4, NtpPacket.MODE_CLIENT, 48, CLIENT_TRANSMIT).limit(47), T1, false, untouched))
                .isEqualTo(NtpResponder.Drop.TOO_SHORT);
        for (int mode : new int[] {0, 1, 2, 4, 5, 6, 7}) {
            assertThat(responder.respond(request(4, mode, 48, CLIENT_TRANSMIT), T1, false, untouched))
                    .as("mode %d", mode).isEqualTo(NtpResponder.Drop.NOT_A_CLIENT_REQUEST);
        }
        for (int version : new int[] {0, 1, 2, 5, 6, 7}) {
            assertThat(responder.respond(request(version, NtpPacket.MODE_CLIENT, 48, CLIENT_TRANSMIT), T1, false, untouched))
                    .as("version %d", version).isEqualTo(NtpResponder.Drop.UNSUPPORTED_VERSION);
        }
        assertThat(responder.respond(request(4, NtpPacket.MODE_CLIENT, 48, 0), T1, false, untouched))
                .isEqualTo(NtpResponder.Drop.NO_TRANSMIT_TIMESTAMP);
        assertThat(untouched.position()).isZero();
    }

    @Test
    void packetsRoundTripThroughBytes() {
        NtpPacket packet = new NtpPacket(3, 4, 4, 2, -6, -29, 0x0001_8000, 0x0000_0123, 0x7F00_0001,
                0xFFFF_FFFF_FFFF_FFFFL, 1L, 0x8000_0000_0000_0000L, 42L);

        NtpPacket read = NtpPacket.read(ByteBuffer.wrap(packet.toBytes()));

        assertThat(read).isEqualTo(packet);
        assertThatThrownBy(() -> NtpPacket.read(ByteBuffer.allocate(47))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsThatCannotBeServedAreRefused() {
        assertThatThrownBy(() -> new NtpResponder(0, "LOCL", -20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NtpResponder(16, "LOCL", -20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NtpResponder(1, "TOOLONG", -20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NtpResponder(1, "LOCL", 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
