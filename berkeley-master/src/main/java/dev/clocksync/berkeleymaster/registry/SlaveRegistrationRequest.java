package dev.clocksync.berkeleymaster.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A slave registering, or registering again as its heartbeat")
record SlaveRegistrationRequest(
        @Schema(description = "The slave's name: letters, digits, '.', '_', '-'", example = "KMC")
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
        @Schema(description = "The base URL the master should reach the slave at (absolute http or https)", example = "http://127.0.0.1:8081")
        @NotBlank @Size(max = 2048) String url) {
}
