package dev.clocksync.dashboard.watch;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One thing the dashboard reads from one service, again and again: each read replaces the {@link Probe}.
 * Reads of one target never overlap; a slow or hung service holds up only its own reads.
 *
 * @param <T> what a read yields
 */
public final class Watched<T> {

    private final String name;
    private final String path;
    private final URI url;
    private final RestClient client;
    private final Function<RestClient.RequestHeadersSpec<?>, T> read;
    private final LongSupplier clock;
    private final long staleMillis;
    private final AtomicReference<Probe<T>> latest = new AtomicReference<>(Probe.pending());
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    /**
     * @param name        the service's name on the page
     * @param path        what is read: a GET of this path (and query)
     * @param url         its base URL (for messages)
     * @param client      a client with that base URL and the dashboard's timeouts
     * @param read        the rest of one read, given the GET; null means "answered, nothing to show yet"
     * @param clock       host epoch milliseconds
     * @param staleMillis a service whose reads have all hung this long is taken as down ({@link Probe#at})
     */
    public Watched(String name, String path, URI url, RestClient client, Function<RestClient.RequestHeadersSpec<?>, T> read,
            LongSupplier clock, long staleMillis) {
        this.name = name;
        this.path = path;
        this.url = url;
        this.client = client;
        this.read = read;
        this.clock = clock;
        this.staleMillis = staleMillis;
    }

    public String name() {
        return name;
    }

    /** @return the path read, without its query (a metric's tag) */
    public String path() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    public URI url() {
        return url;
    }

    /** @return the latest that is known, as the page should take it now (down if its reads have all hung) */
    public Probe<T> latest() {
        return latest.get().at(clock.getAsLong(), staleMillis);
    }

    /**
     * Reads the service and records the outcome; never throws. If a read is already under way, this returns
     * at once (a hung service must not tie up a second thread) and that reader reads once more when it is
     * done, since its read may have started before whatever made this one wanted (a button's action).
     */
    public void poll() {
        wanted.set(true);
        while (wanted.get() && reading.compareAndSet(false, true)) {
            try {
                if (wanted.getAndSet(false)) {
                    readOnce();
                }
            } finally {
                reading.set(false);
            }
        }
    }

    private void readOnce() {
        Probe<T> before = latest.get();
        try {
            T answer = read.apply(client.get().uri(path));
            latest.set(before.answered(answer, clock.getAsLong()));
        } catch (RestClientResponseException refused) {
            latest.set(before.failed("answered " + refused.getStatusCode().value(), clock.getAsLong()));
        } catch (RuntimeException unreachable) {
            // Connection refused or timed out, or an answer that is not what the service should say.
            latest.set(before.failed(reason(unreachable), clock.getAsLong()));
        }
    }

    /** @return a short reason: the innermost cause's message, without the stack of wrappers around it */
    public static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String kind = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
