package dev.clocksync.timeserver.ntp;

/**
 * Linux's numbers and struct sizes for the socket calls of the kernel-timestamp transports (the FFM one and its
 * JNA twin), the same on x86_64 and aarch64, the two they run on.
 */
final class LinuxSockets {

    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEPORT = 15;
    static final int SO_RCVTIMEO = 20;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int SOCKADDR_IN = 16;
    /** Room for a control message carrying a struct timespec, and some. */
    static final int CONTROL = 64;
    /** struct msghdr on LP64: name, namelen, iov, iovlen, control, controllen, flags. */
    static final int MSGHDR = 56;

    private LinuxSockets() {
    }
}
