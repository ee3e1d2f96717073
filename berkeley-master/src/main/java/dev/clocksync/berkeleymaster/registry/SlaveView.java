package dev.clocksync.berkeleymaster.registry;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A slave the master knows")
record SlaveView(
        @Schema(description = "The slave's name", example = "KMC") String name,
        @Schema(description = "The base URL the master reaches it at", example = "http://127.0.0.1:8081") String url,
        @Schema(description = "Time since it first registered, milliseconds") long registeredForMillis,
        @Schema(description = "Time since its last registration (its heartbeat), milliseconds") long lastHeartbeatMillis,
        @Schema(description = "Time left before it is forgotten unless it registers again, milliseconds") long expiresInMillis) {
}
