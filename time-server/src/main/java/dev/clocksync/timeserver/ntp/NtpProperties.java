package dev.clocksync.timeserver.ntp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The time server's NTP (SNTP server mode) over UDP.
 *
 * @param enabled        whether to serve NTP at all
 * @param port           the UDP port (0: any free port); NTP's own 123 needs root or CAP_NET_BIND_SERVICE
 * @param bindAddress    the address to listen on
 * @param stratum        the stratum to announce, 1 (a primary reference, as this server is for its clients) to 15
 * @param referenceId    the reference id to announce: one to four printable ASCII characters at stratum 1
 * @param rootDispersion the root dispersion to announce; unset means the clock's measured precision
 * @param kernelTimestamps take t1 from the kernel's receive timestamp where the JVM can (Linux, JDK 22+),
 *                       as chronyd does; off, or elsewhere, t1 is read when the serving thread has the datagram
 * @param threads        how many threads (each with its own socket on the port) serve requests, 1 to 16
 */
@ConfigurationProperties("ntp")
@Validated
public record NtpProperties(
        @DefaultValue("true") boolean enabled,
        @Min(0) @Max(65_535) @DefaultValue("1123") int port,
        @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
        @Min(1) @Max(15) @DefaultValue("1") int stratum,
        @NotNull @Pattern(regexp = "[!-~]{1,4}") @DefaultValue("LOCL") String referenceId,
        @DurationMin(nanos = 0) @DurationMax(seconds = 16) Duration rootDispersion,
        @DefaultValue("true") boolean kernelTimestamps,
        @Min(1) @Max(16) @DefaultValue("1") int threads) {
}
