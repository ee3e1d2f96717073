package dev.clocksync.dashboard.control;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * What a control did.
 *
 * @param action what was asked: round, sync, crash, recover, election
 * @param target the service it went to
 * @param status the service's HTTP status
 * @param answer the service's answer, as it gave it
 */
@Schema(description = "A control's call and the service's answer")
record ActionResult(String action, String target, int status, JsonNode answer) {
}
