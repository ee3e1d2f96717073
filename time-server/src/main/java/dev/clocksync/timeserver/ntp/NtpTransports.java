package dev.clocksync.timeserver.ntp;

import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Opens the best transport this JVM allows: on Linux with JDK 22 or later, a socket driven through the
 * Foreign Function & Memory API that gets the kernel's receive timestamps ({@code SO_TIMESTAMPNS}), as
 * chronyd and ntpd do; elsewhere, or if that fails, a plain {@link java.nio.channels.DatagramChannel}.
 * The kernel-timestamp transport is compiled only by a JDK 22+ build; a build on JDK 17 leaves it out.
 */
@Slf4j
final class NtpTransports {

    static final int MAX_DATAGRAM = 1024;
    private static final String KERNEL_TIMESTAMPS = "dev.clocksync.timeserver.ntp.KernelTimestampTransport";

    private NtpTransports() {
    }

    static NtpTransport open(InetSocketAddress bind, boolean reusePort, boolean kernelTimestamps) throws IOException {
        if (kernelTimestamps && kernelTimestampsPossible(bind)) {
            try {
                Constructor<?> constructor = Class.forName(KERNEL_TIMESTAMPS).getDeclaredConstructor(InetSocketAddress.class, boolean.class);
                return (NtpTransport) constructor.newInstance(bind, reusePort);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                log.warn("kernel receive timestamps are not available ({}); timestamps are taken after wake-up", e.getCause().toString());
            } catch (ReflectiveOperationException | LinkageError e) {
                log.info("this build has no kernel-timestamp transport ({}); timestamps are taken after wake-up", e.toString());
            }
        }
        return new ChannelTransport(bind, reusePort);
    }

    private static boolean kernelTimestampsPossible(InetSocketAddress bind) {
        String arch = System.getProperty("os.arch", "");
        return Runtime.version().feature() >= 22
                && System.getProperty("os.name", "").toLowerCase().startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))
                && bind.getAddress() instanceof Inet4Address;
    }
}
