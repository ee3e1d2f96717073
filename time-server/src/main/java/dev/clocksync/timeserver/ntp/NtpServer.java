package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.ntp.NtpPacket;
import dev.clocksync.clock.ntp.NtpResponder;
import dev.clocksync.timeserver.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * NTP server mode over UDP. Each of {@code ntp.threads} threads has a socket of its own on the port
 * (SO_REUSEPORT spreads clients over them) and, for every datagram: takes t1, lets the
 * {@link NtpResponder} decide, reads the clock for t2 as the last thing before sending, and sends.
 * t1 is the kernel's receive timestamp where the JVM can get it (see {@link NtpTransports}), else the
 * clock as soon as the thread has the datagram. Buffers are reused; nothing is allocated per packet but
 * the sender's address.
 */
@Slf4j
class NtpServer implements SmartLifecycle {

    private static final int WARM_UP_PACKETS = 20_000;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(2);

    private final VirtualClock clock;
    private final NtpProperties properties;
    private final NtpResponder responder;
    private final RateLimiter limiter;
    private final RateLimiter kisses;
    private final Counters counters;
    private final List<NtpTransport> transports = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile int boundPort = -1;
    private volatile boolean warm;

    /**
     * @param limiter the per-address rate limit, or null for none
     * @param kisses  how often one address may be sent a Kiss-o'-Death, or null with no limit
     */
    NtpServer(VirtualClock clock, NtpProperties properties, NtpResponder responder, RateLimiter limiter, RateLimiter kisses,
            MeterRegistry registry) {
        this.clock = clock;
        this.properties = properties;
        this.responder = responder;
        this.limiter = limiter;
        this.kisses = kisses;
        this.counters = new Counters(registry);
    }

    /** @return whether to serve at all ({@code ntp.enabled}); a server that is not enabled is never started */
    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public void start() {
        try {
            int port = properties.port();
            for (int i = 0; i < properties.threads(); i++) {
                transports.add(NtpTransports.open(new InetSocketAddress(properties.bindAddress(), port), properties.threads() > 1,
                        properties.kernelTimestamps()));
                port = transports.get(0).port();
            }
            boundPort = port;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot listen for NTP on " + properties.bindAddress() + ":" + properties.port(), e);
        }
        for (NtpTransport transport : transports) {
            boolean first = threads.isEmpty();
            Thread serving = new Thread(() -> {
                if (first) {
                    warmUp();
                }
                serve(transport);
            }, "ntp-server-" + threads.size());
            serving.setDaemon(true);
            threads.add(serving);
            serving.start();
        }
        log.info("NTP server listening on udp/{} with {} thread(s), stratum {}, reference id {}; {}", boundPort, threads.size(),
                properties.stratum(), properties.referenceId(), transports.get(0).describe());
    }

    private void serve(NtpTransport transport) {
        while (transport.isOpen()) {
            try {
                handle(transport, limiter, counters);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (transport.isOpen()) {
                    log.debug("NTP datagram failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("NTP datagram could not be handled", e);
            }
        }
    }

    /**
     * Receives one datagram and answers it, or drops it.
     *
     * @param limiter the rate limit to apply, or null for none
     */
    private void handle(NtpTransport transport, RateLimiter limiter, Counters counters) throws IOException {
        SocketAddress from = transport.receive();
        long received = receiveTime(transport);
        if (from == null) {
            return;
        }
        counters.requests.increment();
        ByteBuffer in = transport.received();
        ByteBuffer out = transport.reply();
        NtpResponder.Drop drop = responder.respond(in, received, false, out);
        if (drop != null) {
            counters.drops.get(drop).increment();
            return;
        }
        boolean kiss = false;
        if (limiter != null) {
            String address = ((InetSocketAddress) from).getAddress().getHostAddress();
            if (!limiter.acquire(address).allowed()) {
                if (kisses != null && !kisses.acquire(address).allowed()) {
                    counters.rateLimited.increment();
                    return;
                }
                responder.respond(in, received, true, transport.reply());
                kiss = true;
            }
        }
        NtpResponder.stampTransmit(out, 0, clock.epochNanos());
        transport.send(from);
        counters.replies.increment();
        if (kiss) {
            counters.kisses.increment();
        }
    }

    /**
     * t1: the clock now, or, given the kernel's receive timestamp (a host wall-clock time), the clock as it
     * read when the datagram arrived: now, less the host time elapsed since. (The clock's own rate over
     * those microseconds, its drift or a slew, is left out; a time server neither drifts nor slews
     * unless told to.)
     */
    private long receiveTime(NtpTransport transport) {
        long kernel = transport.receivedHostNanos();
        if (kernel < 0) {
            return clock.epochNanos();
        }
        ClockReading now = clock.read();
        long elapsed = now.hostEpochNanos() - kernel;
        return elapsed >= 0 && elapsed < 1_000_000_000L ? now.epochNanos() - elapsed : now.epochNanos();
    }

    /**
     * Runs requests from loopback through {@link #handle} on a transport of its own, with a limiter and
     * counters of the same kinds as real traffic meets (but not the service's: these packets are not rate
     * limited or counted), so that the JIT has compiled the path from the socket to t1 and from t2 to the
     * socket before the first clients come: interpreted, it adds tens of microseconds, unevenly. A server
     * that sees a few packets a minute would otherwise stay interpreted for good. It runs on the first
     * serving thread before it serves, off the start-up path; requests that arrive meanwhile wait in the
     * socket's queue (with kernel timestamps, the wait counts as server hold, not as network delay).
     */
    private void warmUp() {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        int done = 0;
        RateLimiter unlimited = new RateLimiter(1e9, 1_000_000, 16, System::nanoTime);
        Counters uncounted = new Counters(new SimpleMeterRegistry());
        try (NtpTransport server = NtpTransports.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false,
                properties.kernelTimestamps());
             DatagramChannel client = DatagramChannel.open()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            ByteBuffer request = ByteBuffer.allocateDirect(NtpPacket.LENGTH);
            ByteBuffer reply = ByteBuffer.allocateDirect(NtpTransports.MAX_DATAGRAM);
            for (; done < WARM_UP_PACKETS && System.nanoTime() < deadline; done++) {
                request.clear();
                new NtpPacket(0, 4, NtpPacket.MODE_CLIENT, 0, 6, -20, 0, 0, 0, 0, 0, 0, done + 1L).write(request);
                client.write(request.flip());
                handle(server, unlimited, uncounted);
                reply.clear();
                client.read(reply);
            }
        } catch (IOException e) {
            log.warn("NTP warm-up stopped after {} packets: {}", done, e.toString());
        }
        warm = true;
        log.debug("NTP path warmed up with {} packets", done);
    }

    @Override
    public void stop() {
        for (NtpTransport transport : transports) {
            try {
                transport.close();
            } catch (IOException e) {
                log.debug("closing an NTP socket: {}", e.toString());
            }
        }
        for (Thread serving : threads) {
            try {
                serving.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transports.clear();
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive) && transports.stream().allMatch(NtpTransport::isOpen);
    }

    /** @return the UDP port the server listens on, or -1 before it starts */
    int port() {
        return boundPort;
    }

    /** @return whether the warm-up is over (requests that came before it are answered after it) */
    boolean warm() {
        return warm;
    }

    /** @return how the server takes its receive timestamps */
    String transport() {
        return transports.isEmpty() ? "not started" : transports.get(0).describe();
    }

    /** The NTP metrics. */
    private static final class Counters {

        final Counter requests;
        final Counter replies;
        final Counter kisses;
        final Counter rateLimited;
        final Map<NtpResponder.Drop, Counter> drops = new EnumMap<>(NtpResponder.Drop.class);

        Counters(MeterRegistry registry) {
            requests = Counter.builder("ntp.requests").description("NTP datagrams received").register(registry);
            replies = Counter.builder("ntp.replies").description("NTP replies sent, Kiss-o'-Death included").register(registry);
            kisses = Counter.builder("ntp.kod").tag("code", "RATE").description("Kiss-o'-Death replies sent").register(registry);
            rateLimited = Counter.builder("ntp.drops").tag("reason", "rate_limited")
                    .description("NTP datagrams dropped without a reply, by reason").register(registry);
            for (NtpResponder.Drop reason : NtpResponder.Drop.values()) {
                drops.put(reason, Counter.builder("ntp.drops").tag("reason", reason.name().toLowerCase())
                        .description("NTP datagrams dropped without a reply, by reason").register(registry));
            }
        }
    }
}
