package dev.clocksync.timeclient.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.ExchangeTimer;
import dev.clocksync.support.http.ExchangeTiming;
import dev.clocksync.support.http.PeerClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One exchange with the time server over HTTP, timed by {@link ExchangeTiming}: t0 just before the
 * request is written, t3 as soon as the response's status line and headers are in.
 */
class HttpTimeServer implements TimeServer {

    private final RestClient rest;

    HttpTimeServer(RestClient.Builder builder, CristianProperties properties, VirtualClock clock) {
        this.rest = builder.clone()
                .baseUrl(properties.serverUrl().toString())
                .requestFactory(PeerClients.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .requestInterceptor(ExchangeTiming.interceptor(clock))
                .build();
    }

    /** @return the sample of one {@code GET /time} */
    @Override
    public CristianSample exchange() {
        ExchangeTiming.Slot slot = new ExchangeTiming.Slot();
        ServerTime reply;
        try {
            reply = rest.get().uri("/time")
                    .accept(MediaType.APPLICATION_JSON)
                    .attribute(ExchangeTiming.ATTRIBUTE, slot)
                    .retrieve()
                    .onStatus(status -> status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS), (request, response) -> {
                        throw TimeServerException.rateLimited(retryAfter(response.getHeaders()));
                    })
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw TimeServerException.unavailable("the time server answered " + response.getStatusCode().value(), null);
                    })
                    .body(ServerTime.class);
        } catch (ResourceAccessException e) {
            throw TimeServerException.unavailable("the time server is unreachable: " + e.getMostSpecificCause().getClass().getSimpleName(), e);
        } catch (RestClientException e) {
            throw TimeServerException.unavailable("the time server's answer is unreadable", e);
        }
        ExchangeTimer timer = slot.timer();
        if (reply == null || reply.receiveEpochNanos() == null || reply.transmitEpochNanos() == null || timer == null) {
            throw TimeServerException.unavailable("the time server's answer lacks its timestamps", null);
        }
        try {
            return timer.sample(reply.receiveEpochNanos(), reply.transmitEpochNanos());
        } catch (IllegalArgumentException e) {
            throw TimeServerException.unavailable("the time server's timestamps are inconsistent: " + e.getMessage(), e);
        }
    }

    /** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else means one second. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(1, Math.min(Long.parseLong(value.trim()), 86_400)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
            } catch (DateTimeParseException notADate) {
                return Duration.ofSeconds(1);
            }
        }
    }

    /** What the client reads of {@code GET /time}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServerTime(Long receiveEpochNanos, Long transmitEpochNanos) {
    }
}
