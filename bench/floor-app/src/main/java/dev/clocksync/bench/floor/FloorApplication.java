package dev.clocksync.bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The least a clocksync service could be: one JSON endpoint on Boot's servlet stack (bench/floor). */
@SpringBootApplication
@RestController
public class FloorApplication {

    @GetMapping("/clock")
    Map<String, Long> clock() {
        return Map.of("epochMillis", System.currentTimeMillis());
    }

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }
}
