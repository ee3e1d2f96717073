package dev.clocksync.timeserver.ntp;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.clocksync.timeserver.ntp.LinuxSockets.*;

/**
 * A UDP socket on Linux (x86_64, aarch64) driven through the Foreign Function & Memory API, for the one
 * thing {@link java.nio.channels.DatagramChannel} cannot give: the kernel's receive timestamp of each
 * datagram ({@code SO_TIMESTAMPNS}, read from the control message of {@code recvmsg}). chronyd and ntpd
 * take their receive timestamps the same way; without it, the time a sleeping thread takes to wake up
 * counts as network delay on the way in only. Datagrams are received in batches of up to
 * {@value #BATCH} with one {@code recvmmsg} call, as chronyd does, each with its own timestamp, and served
 * one at a time. Compiled only by a JDK 22+ build (see NtpTransports).
 */
final class KernelTimestampTransport implements NtpTransport {

    private static final int SENDERS = 8;
    /** Datagrams taken from the kernel at once, at most. */
    static final int BATCH = 16;
    private static final int MSG_WAITFORONE = 0x10000;
    /** struct mmsghdr: a msghdr and the length received (unsigned int), padded to 8. */
    private static final long MMSGHDR = 64;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = function("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = function("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = function("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKNAME = function("getsockname", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle RECVMMSG = function("recvmmsg", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SENDTO = function("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final Arena arena = Arena.ofAuto();
    private final int fd;
    private final MemorySegment capture = arena.allocate(CAPTURE);
    private final MemorySegment messages = arena.allocate(MMSGHDR * BATCH, 8);
    private final MemorySegment inData = arena.allocate((long) NtpTransports.MAX_DATAGRAM * BATCH, 8);
    private final MemorySegment fromAddresses = arena.allocate(SOCKADDR_IN * BATCH, 8);
    private final MemorySegment iovs = arena.allocate(16L * BATCH, 8);
    private final MemorySegment controls = arena.allocate(CONTROL * BATCH, 8);
    private final ByteBuffer[] ins = new ByteBuffer[BATCH];
    private final MemorySegment outData = arena.allocate(NtpTransports.MAX_DATAGRAM, 8);
    private final MemorySegment toAddress = arena.allocate(SOCKADDR_IN, 8);
    private final ByteBuffer out = outData.asByteBuffer();
    /** Datagrams in the last batch, and the one being served. */
    private int batched;
    private int current;
    private volatile boolean open = true;
    private long receivedHostNanos = -1;
    /** The last few senders, by the first 8 bytes of their sockaddr_in (family, port, address): no objects per datagram. */
    private final long[] senderKeys = new long[SENDERS];
    private final InetSocketAddress[] senders = new InetSocketAddress[SENDERS];
    private int nextSender;
    /** The sender of the datagram being served, as {@link #receive()} returned it. */
    private InetSocketAddress lastSender;

    KernelTimestampTransport(InetSocketAddress bind, boolean reusePort) throws IOException {
        int socket;
        try {
            socket = (int) SOCKET.invokeExact(capture, AF_INET, SOCK_DGRAM, 0);
        } catch (Throwable e) {
            throw new IOException("socket() could not be called", e);
        }
        if (socket < 0) {
            throw failure("socket");
        }
        fd = socket;
        try {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_INT);
            one.set(ValueLayout.JAVA_INT, 0, 1);
            setsockopt(SO_TIMESTAMPNS, one, 4, "setsockopt(SO_TIMESTAMPNS)");
            if (reusePort) {
                setsockopt(SO_REUSEPORT, one, 4, "setsockopt(SO_REUSEPORT)");
            }
            MemorySegment timeout = arena.allocate(16, 8);
            timeout.set(ValueLayout.JAVA_LONG, 0, 0);
            timeout.set(ValueLayout.JAVA_LONG, 8, 200_000);
            setsockopt(SO_RCVTIMEO, timeout, 16, "setsockopt(SO_RCVTIMEO)");
            writeAddress(toAddress, bind);
            int bound;
            try {
                bound = (int) BIND.invokeExact(capture, fd, toAddress, (int) SOCKADDR_IN);
            } catch (Throwable e) {
                throw new IOException("bind() could not be called", e);
            }
            if (bound != 0) {
                throw failure("bind to " + bind);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        messages.fill((byte) 0);
        for (int i = 0; i < BATCH; i++) {
            MemorySegment data = inData.asSlice((long) i * NtpTransports.MAX_DATAGRAM, NtpTransports.MAX_DATAGRAM);
            ins[i] = data.asByteBuffer();
            iovs.set(ValueLayout.ADDRESS, 16L * i, data);
            iovs.set(ValueLayout.JAVA_LONG, 16L * i + 8, NtpTransports.MAX_DATAGRAM);
            long message = MMSGHDR * i;
            messages.set(ValueLayout.ADDRESS, message, fromAddresses.asSlice(SOCKADDR_IN * i, SOCKADDR_IN));
            messages.set(ValueLayout.ADDRESS, message + 16, iovs.asSlice(16L * i, 16));
            messages.set(ValueLayout.JAVA_LONG, message + 24, 1);
            messages.set(ValueLayout.ADDRESS, message + 32, controls.asSlice(CONTROL * i, CONTROL));
        }
    }

    @Override
    public SocketAddress receive() throws IOException {
        if (current + 1 < batched) {
            return take(++current);
        }
        batched = 0;
        current = 0;
        while (open) {
            for (int i = 0; i < BATCH; i++) {  // recvmmsg changes the lengths (and flags) of each message
                messages.set(ValueLayout.JAVA_INT, MMSGHDR * i + 8, (int) SOCKADDR_IN);
                messages.set(ValueLayout.JAVA_LONG, MMSGHDR * i + 40, CONTROL);
            }
            int count;
            try {
                count = (int) RECVMMSG.invokeExact(capture, fd, messages, BATCH, MSG_WAITFORONE, MemorySegment.NULL);
            } catch (Throwable e) {
                throw new IOException("recvmmsg() could not be called", e);
            }
            if (count > 0) {
                batched = count;
                return take(0);
            }
            int errno = (int) ERRNO.get(capture, 0L);
            if (errno == EAGAIN) {
                return null;
            }
            if (errno != EINTR) {
                throw failure("recvmmsg", errno);
            }
        }
        throw new java.nio.channels.ClosedChannelException();
    }

    /** Makes datagram {@code i} of the batch the one being served. */
    private SocketAddress take(int i) throws UnknownHostException {
        int length = messages.get(ValueLayout.JAVA_INT, MMSGHDR * i + MSGHDR);
        receivedHostNanos = kernelTimestamp(i);
        ins[i].clear().limit(length);
        lastSender = sender(i);
        return lastSender;
    }

    /** @return the SCM_TIMESTAMPNS of datagram {@code i}, walking its control messages (cmsghdr: len, level, type, data) */
    private long kernelTimestamp(int i) {
        long controlLength = messages.get(ValueLayout.JAVA_LONG, MMSGHDR * i + 40);
        long base = CONTROL * i;
        long offset = 0;
        while (offset + 16 <= controlLength) {
            long length = controls.get(ValueLayout.JAVA_LONG, base + offset);
            int level = controls.get(ValueLayout.JAVA_INT, base + offset + 8);
            int type = controls.get(ValueLayout.JAVA_INT, base + offset + 12);
            if (length < 16) {
                return -1;
            }
            if (level == SOL_SOCKET && type == SCM_TIMESTAMPNS && length >= 32) {
                return controls.get(ValueLayout.JAVA_LONG, base + offset + 16) * 1_000_000_000L
                        + controls.get(ValueLayout.JAVA_LONG, base + offset + 24);
            }
            offset += (length + 7) & ~7L;
        }
        return -1;
    }

    @Override
    public ByteBuffer received() {
        return ins[current];
    }

    @Override
    public long receivedHostNanos() {
        return receivedHostNanos;
    }

    @Override
    public ByteBuffer reply() {
        return out.clear();
    }

    /** @return the sender of datagram {@code i}, from the cache of recent senders if it is there */
    private InetSocketAddress sender(int i) throws UnknownHostException {
        long key = fromAddresses.get(ValueLayout.JAVA_LONG, SOCKADDR_IN * i);
        for (int k = 0; k < SENDERS; k++) {
            if (senderKeys[k] == key && senders[k] != null) {
                return senders[k];
            }
        }
        InetSocketAddress sender = readAddress(fromAddresses, SOCKADDR_IN * i);
        senderKeys[nextSender] = key;
        senders[nextSender] = sender;
        nextSender = (nextSender + 1) % SENDERS;
        return sender;
    }

    @Override
    public void send(SocketAddress to) throws IOException {
        if (to == lastSender) {
            MemorySegment.copy(fromAddresses, SOCKADDR_IN * current, toAddress, 0, SOCKADDR_IN);
        } else {
            writeAddress(toAddress, (InetSocketAddress) to);
        }
        long sent;
        try {
            sent = (long) SENDTO.invokeExact(capture, fd, outData, (long) out.position(), 0, toAddress, (int) SOCKADDR_IN);
        } catch (Throwable e) {
            throw new IOException("sendto() could not be called", e);
        }
        if (sent < 0) {
            throw failure("sendto");
        }
    }

    @Override
    public int port() {
        MemorySegment address = arena.allocate(SOCKADDR_IN, 8);
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        length.set(ValueLayout.JAVA_INT, 0, (int) SOCKADDR_IN);
        try {
            if ((int) GETSOCKNAME.invokeExact(capture, fd, address, length) != 0) {
                return -1;
            }
        } catch (Throwable e) {
            return -1;
        }
        return Short.toUnsignedInt(address.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String describe() {
        return "native socket with kernel receive timestamps (SO_TIMESTAMPNS)";
    }

    /** Closes the socket; a thread waiting in {@link #receive()} returns within the socket's receive timeout. */
    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            try {
                int ignored = (int) CLOSE.invokeExact(capture, fd);
            } catch (Throwable e) {
                // nothing more to do: the descriptor is gone or was never valid
            }
        }
    }

    private static void writeAddress(MemorySegment address, InetSocketAddress socketAddress) {
        byte[] ip = socketAddress.getAddress().getAddress();
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        address.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) socketAddress.getPort());
        for (int i = 0; i < 4; i++) {
            address.set(ValueLayout.JAVA_BYTE, 4 + i, ip[i]);
        }
    }

    private static InetSocketAddress readAddress(MemorySegment addresses, long offset) throws UnknownHostException {
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            ip[i] = addresses.get(ValueLayout.JAVA_BYTE, offset + 4 + i);
        }
        int port = Short.toUnsignedInt(addresses.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), offset + 2));
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    private void setsockopt(int option, MemorySegment value, int length, String what) throws IOException {
        int result;
        try {
            result = (int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, option, value, length);
        } catch (Throwable e) {
            throw new IOException(what + " could not be called", e);
        }
        if (result != 0) {
            throw failure(what);
        }
    }

    private IOException failure(String what) {
        return failure(what, (int) ERRNO.get(capture, 0L));
    }

    private static IOException failure(String what, int errno) {
        return new IOException(what + " failed: errno " + errno);
    }

    @SuppressWarnings("restricted")
    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)),
                descriptor, Linker.Option.captureCallState("errno"));
    }
}
