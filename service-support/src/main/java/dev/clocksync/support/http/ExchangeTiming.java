package dev.clocksync.support.http;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.ExchangeTimer;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;


/**
 * Times HTTP exchanges against a node's clock as close to the wire as a {@link RestClient} allows:
 * an interceptor reads the clock (t0) just before the request is written and marks t3 as soon as
 * the status line and headers are in, before the body is read or parsed.
 * <pre>
 * RestClient rest = builder.requestInterceptor(ExchangeTiming.interceptor(clock)).build();
 * ExchangeTiming.Slot slot = new ExchangeTiming.Slot();
 * Body body = rest.get().uri("/clock").attribute(ExchangeTiming.ATTRIBUTE, slot).retrieve().body(Body.class);
 * CristianSample sample = slot.timer().sample(t1, t2);
 * </pre>
 */
public final class ExchangeTiming {

    /** The request attribute under which a {@link Slot} receives the exchange's timer. */
    public static final String ATTRIBUTE = ExchangeTiming.class.getName() + ".slot";

    private ExchangeTiming() {
    }

    /** @return an interceptor that times every request carrying a {@link Slot} in {@link #ATTRIBUTE} */
    public static ClientHttpRequestInterceptor interceptor(VirtualClock clock) {
        return (HttpRequest request, byte[] body, ClientHttpRequestExecution execution) -> {
            if (!(request.getAttributes().get(ATTRIBUTE) instanceof Slot slot)) {
                return execution.execute(request, body);
            }
            ExchangeTimer timer = ExchangeTimer.start(clock);
            ClientHttpResponse response = execution.execute(request, body);
            timer.stop();
            slot.timer = timer;
            return response;
        };
    }

    /** Receives the timer of one exchange. */
    public static final class Slot {

        private volatile ExchangeTimer timer;

        /** @return the exchange's timer, stopped when the response arrived; null if no response arrived */
        public ExchangeTimer timer() {
            return timer;
        }
    }
}
