package dev.clocksync.timeserver.ntp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;

import static dev.clocksync.timeserver.ntp.LinuxSockets.*;

/**
 * The kernel's receive timestamps ({@code SO_TIMESTAMPNS}) for JVMs without the Foreign Function & Memory API (JDK
 * 17 to 21), or for a build that left {@code KernelTimestampTransport} out: the same socket calls through JNA's
 * direct mapping. Without a kernel timestamp the time the serving thread takes to wake up counts as network delay
 * on the way in, and on JDK 17 that was most of an NTP client's error. One datagram a {@code recvmsg} call; the
 * FFM transport's batching is left to it.
 */
final class JnaTimestampTransport implements NtpTransport {

    static {
        Native.register(JnaTimestampTransport.class, Platform.C_LIBRARY_NAME);
    }

    private static native int socket(int domain, int type, int protocol) throws LastErrorException;

    private static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    private static native int bind(int fd, Pointer address, int length) throws LastErrorException;

    private static native int getsockname(int fd, Pointer address, Pointer length) throws LastErrorException;

    private static native long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    private static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength)
            throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private final int fd;
    private final Memory message = new Memory(MSGHDR);
    private final Memory iov = new Memory(16);
    private final Memory inData = new Memory(NtpTransports.MAX_DATAGRAM);
    private final Memory from = new Memory(SOCKADDR_IN);
    private final Memory control = new Memory(CONTROL);
    private final Memory outData = new Memory(NtpTransports.MAX_DATAGRAM);
    private final Memory to = new Memory(SOCKADDR_IN);
    // JNA's buffers come in the platform's byte order; NTP's are in network order, as a heap buffer's.
    private final ByteBuffer in = inData.getByteBuffer(0, NtpTransports.MAX_DATAGRAM).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer out = outData.getByteBuffer(0, NtpTransports.MAX_DATAGRAM).order(ByteOrder.BIG_ENDIAN);
    private volatile boolean open = true;
    private long receivedHostNanos = -1;
    private InetSocketAddress lastSender;
    private long lastSenderKey;

    JnaTimestampTransport(InetSocketAddress bind, boolean reusePort) throws IOException {
        try {
            fd = socket(AF_INET, SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw failure("socket", e);
        }
        try {
            Memory one = new Memory(4);
            one.setInt(0, 1);
            setsockopt(SO_TIMESTAMPNS, one, 4, "setsockopt(SO_TIMESTAMPNS)");
            if (reusePort) {
                setsockopt(SO_REUSEPORT, one, 4, "setsockopt(SO_REUSEPORT)");
            }
            Memory timeout = new Memory(16);
            timeout.setLong(0, 0);
            timeout.setLong(8, 200_000);
            setsockopt(SO_RCVTIMEO, timeout, 16, "setsockopt(SO_RCVTIMEO)");
            writeAddress(to, bind);
            try {
                bind(fd, to, SOCKADDR_IN);
            } catch (LastErrorException e) {
                throw failure("bind to " + bind, e);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        iov.setPointer(0, inData);
        iov.setLong(8, NtpTransports.MAX_DATAGRAM);
        message.clear();
        message.setPointer(0, from);
        message.setPointer(16, iov);
        message.setLong(24, 1);
        message.setPointer(32, control);
    }

    @Override
    public SocketAddress receive() throws IOException {
        while (open) {
            // recvmsg changes the lengths of the address and the control messages
            message.setInt(8, SOCKADDR_IN);
            message.setLong(40, CONTROL);
            long length;
            try {
                length = recvmsg(fd, message, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) {
                    return null;
                }
                if (e.getErrorCode() != EINTR) {
                    throw failure("recvmsg", e);
                }
                continue;
            }
            receivedHostNanos = kernelTimestamp();
            in.clear().limit((int) Math.min(length, NtpTransports.MAX_DATAGRAM));
            lastSender = sender();
            return lastSender;
        }
        throw new ClosedChannelException();
    }

    /** @return the SCM_TIMESTAMPNS of the datagram, walking its control messages (cmsghdr: len, level, type, data) */
    private long kernelTimestamp() {
        long controlLength = message.getLong(40);
        long offset = 0;
        while (offset + 16 <= controlLength) {
            long length = control.getLong(offset);
            int level = control.getInt(offset + 8);
            int type = control.getInt(offset + 12);
            if (length < 16) {
                return -1;
            }
            if (level == SOL_SOCKET && type == SCM_TIMESTAMPNS && length >= 32) {
                return control.getLong(offset + 16) * 1_000_000_000L + control.getLong(offset + 24);
            }
            offset += (length + 7) & ~7L;
        }
        return -1;
    }

    /** @return the sender, the same object as last time if it is the same (family, port, address): no objects per datagram */
    private InetSocketAddress sender() throws UnknownHostException {
        long key = from.getLong(0);
        if (lastSender != null && key == lastSenderKey) {
            return lastSender;
        }
        byte[] ip = from.getByteArray(4, 4);
        int port = networkPort(from);
        lastSenderKey = key;
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    @Override
    public ByteBuffer received() {
        return in;
    }

    @Override
    public long receivedHostNanos() {
        return receivedHostNanos;
    }

    @Override
    public ByteBuffer reply() {
        return out.clear();
    }

    @Override
    public void send(SocketAddress address) throws IOException {
        if (address != lastSender) {
            writeAddress(to, (InetSocketAddress) address);
        } else {
            to.write(0, from.getByteArray(0, SOCKADDR_IN), 0, SOCKADDR_IN);
        }
        try {
            sendto(fd, outData, out.position(), 0, to, SOCKADDR_IN);
        } catch (LastErrorException e) {
            throw failure("sendto", e);
        }
    }

    @Override
    public int port() {
        Memory address = new Memory(SOCKADDR_IN);
        Memory length = new Memory(4);
        length.setInt(0, SOCKADDR_IN);
        try {
            getsockname(fd, address, length);
        } catch (LastErrorException e) {
            return -1;
        }
        return networkPort(address);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String describe() {
        return "native socket through JNA with kernel receive timestamps (SO_TIMESTAMPNS)";
    }

    /** Closes the socket; a thread waiting in {@link #receive()} returns within the socket's receive timeout. */
    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            try {
                close(fd);
            } catch (LastErrorException e) {
                // nothing more to do: the descriptor is gone or was never valid
            }
        }
    }

    private static void writeAddress(Memory address, InetSocketAddress socketAddress) {
        byte[] ip = socketAddress.getAddress().getAddress();
        address.clear();
        address.setShort(0, (short) AF_INET);
        address.setByte(2, (byte) (socketAddress.getPort() >>> 8));
        address.setByte(3, (byte) socketAddress.getPort());
        address.write(4, ip, 0, 4);
    }

    /** @return the port of a sockaddr_in, stored in network byte order */
    private static int networkPort(Pointer address) {
        return (Byte.toUnsignedInt(address.getByte(2)) << 8) | Byte.toUnsignedInt(address.getByte(3));
    }

    private void setsockopt(int option, Pointer value, int length, String what) throws IOException {
        try {
            setsockopt(fd, SOL_SOCKET, option, value, length);
        } catch (LastErrorException e) {
            throw failure(what, e);
        }
    }

    private static IOException failure(String what, LastErrorException e) {
        return new IOException(what + " failed: errno " + e.getErrorCode());
    }
}
