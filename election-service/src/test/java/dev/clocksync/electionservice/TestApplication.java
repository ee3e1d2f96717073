package dev.clocksync.electionservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** What the controller slice tests boot from: this module has no application of its own. */
@SpringBootApplication
class TestApplication {
}
