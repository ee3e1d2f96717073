package dev.clocksync.support;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare service for testing what every service gets from this module. */
@SpringBootApplication
public class SupportTestApplication {
}
