package dev.clocksync.timeserver.time;

import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.ManualTimeSource;
import dev.clocksync.clock.VirtualClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(TimeController.class)
@Import(TimeControllerTests.FixedClock.class)
class TimeControllerTests {

    static final long HOST = 1_795_688_130_123_456_789L;

    @Autowired
    MockMvc mvc;

    @Test
    void answersWithTheVirtualClockToTheNanosecond() throws Exception {
        mvc.perform(get("/time"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.time").value("2026-11-26T10:15:32.623456789Z"))
                .andExpect(jsonPath("$.epochNanos").value(HOST + 2_500_000_000L))
                .andExpect(jsonPath("$.receiveEpochNanos").value(HOST + 2_500_000_000L))
                .andExpect(jsonPath("$.transmitEpochNanos").value(HOST + 2_500_000_000L));
    }

    @TestConfiguration
    static class FixedClock {

        @Bean
        VirtualClock virtualClock() {
            return new VirtualClock(new ManualTimeSource(HOST), ClockSettings.defaults().withInitialOffset(Duration.ofMillis(2500)));
        }
    }
}
