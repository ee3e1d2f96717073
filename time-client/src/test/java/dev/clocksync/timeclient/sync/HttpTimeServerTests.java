package dev.clocksync.timeclient.sync;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class HttpTimeServerTests {

    private static Duration retryAfter(String value) {
        HttpHeaders headers = new HttpHeaders();
        if (value != null) {
            headers.set(HttpHeaders.RETRY_AFTER, value);
        }
        return HttpTimeServer.retryAfter(headers);
    }

    @Test
    void readsRetryAfterInSecondsOrAsADate() {
        assertThat(retryAfter("7")).hasSeconds(7);
        assertThat(retryAfter(" 120 ")).hasSeconds(120);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void missingOrNonsensicalRetryAfterMeansOneSecondAndHugeOnesAreCapped() {
        assertThat(retryAfter(null)).hasSeconds(1);
        assertThat(retryAfter("soon")).hasSeconds(1);
        assertThat(retryAfter("-5")).hasSeconds(1);
        assertThat(retryAfter("0")).hasSeconds(1);
        assertThat(retryAfter("99999999999")).hasDays(1);
    }
}
