package dev.clocksync.timeserver.ntp;

import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Opens the best transport this JVM allows: on Linux, a socket that gets the kernel's receive timestamps
 * ({@code SO_TIMESTAMPNS}), as chronyd and ntpd do, driven through the Foreign Function & Memory API on JDK 22 or
 * later and through JNA before that (or when the build left the FFM one out: it is compiled only by a JDK 22+
 * build); elsewhere, or if both fail, a plain {@link java.nio.channels.DatagramChannel}.
 */
@Slf4j
final class NtpTransports {

    static final int MAX_DATAGRAM = 1024;
    private static final String KERNEL_TIMESTAMPS = "dev.clocksync.timeserver.ntp.KernelTimestampTransport";

    private NtpTransports() {
    }

    static NtpTransport open(InetSocketAddress bind, boolean reusePort, boolean kernelTimestamps) throws IOException {
        if (kernelTimestamps && linuxIpv4(bind) && Runtime.version().feature() >= 22) {
            try {
                Constructor<?> constructor = Class.forName(KERNEL_TIMESTAMPS).getDeclaredConstructor(InetSocketAddress.class, boolean.class);
                return (NtpTransport) constructor.newInstance(bind, reusePort);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                log.warn("the FFM transport failed ({}); trying JNA", e.getCause().toString());
            } catch (ReflectiveOperationException | LinkageError e) {
                log.debug("this build has no FFM transport ({}); trying JNA", e.toString());
            }
        }
        if (kernelTimestamps && linuxIpv4(bind)) {
            try {
                return new JnaTimestampTransport(bind, reusePort);
            } catch (LinkageError | RuntimeException e) {
                log.warn("kernel receive timestamps are not available ({}); timestamps are taken after wake-up", e.toString());
            }
        }
        return new ChannelTransport(bind, reusePort);
    }

    private static boolean linuxIpv4(InetSocketAddress bind) {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").toLowerCase().startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))
                && bind.getAddress() instanceof Inet4Address;
    }
}
