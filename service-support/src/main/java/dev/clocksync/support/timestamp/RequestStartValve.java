package dev.clocksync.support.timestamp;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import java.io.IOException;

/**
 * Hands on Tomcat's own mark of when it began reading a request (its first bytes, before the request line and
 * headers are parsed, the request is mapped and any filter runs) as the request attribute {@link #STARTED}:
 * {@code System.nanoTime()} then. {@link ReceiveTimestampFilter} takes t1 from it, so that Tomcat's parsing
 * and dispatching count as server hold (t2 − t1), not as network delay on the request leg only.
 */
public class RequestStartValve extends ValveBase {

    /** The request attribute holding Tomcat's start mark, a {@code Long} of {@code System.nanoTime()}. */
    public static final String STARTED = "dev.clocksync.timestamp.started";

    public RequestStartValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long started = request.getCoyoteRequest().getStartTimeNanos();
        long handedOver = DispatchMarks.take();
        if (handedOver != -1 && (started == -1 || handedOver - started <= 0)) {
            started = handedOver;
        }
        if (started != -1) {
            request.setAttribute(STARTED, started);
        }
        getNext().invoke(request, response);
    }
}
