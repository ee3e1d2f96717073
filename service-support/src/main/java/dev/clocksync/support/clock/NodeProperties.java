package dev.clocksync.support.clock;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this service instance is.
 *
 * @param name the node's name as it appears in {@code GET /clock}, metrics and logs (e.g. {@code mobile},
 *             {@code KMC}); letters, digits, {@code .}, {@code _} and {@code -}, up to 64; defaults to
 *             {@code spring.application.name}
 */
@ConfigurationProperties("node")
@Validated
public record NodeProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name) {
}
