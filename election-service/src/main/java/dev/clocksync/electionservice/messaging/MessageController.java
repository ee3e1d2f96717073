package dev.clocksync.electionservice.messaging;

import dev.clocksync.election.Message;
import dev.clocksync.electionservice.node.ElectionDriver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.stream.Stream;

@RestController
@Tag(name = "messages", description = "Internal: how election nodes talk to each other")
class MessageController {

    private final ElectionDriver driver;

    MessageController(ElectionDriver driver) {
        this.driver = driver;
    }

    @PostMapping(path = "/election/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Deliver a message from another node (internal)",
            description = "ELECTION, ANSWER, COORDINATOR, HEARTBEAT, or a pre-vote (PRE_VOTE, PRE_VOTE_GRANTED, "
                    + "PRE_VOTE_REFUSED) from another member. The message is checked and "
                    + "queued for the node's state machine; the answer comes at once, before it is handled. A message of "
                    + "an older term than the node's is accepted and ignored. A crashed node refuses every message "
                    + "with 503, as a dead one would not answer.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "Malformed, or from or about a node that is not a member, or not for this node",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The node is crashed, or has too many messages waiting",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    void receive(@Valid @RequestBody MessageBody body) {
        Map<Integer, ?> members = driver.group().members();
        int self = driver.group().self();
        if (!members.containsKey(body.from()) || body.from() == self) {
            throw new InvalidMessageException("Unknown sender " + body.from() + ": not another member of this group.");
        }
        if (body.to() != self) {
            throw new InvalidMessageException("Addressed to node " + body.to() + ", but this is node " + self + ".");
        }
        Stream.concat(Stream.of(body.leader(), body.initiator()),
                        body.participants() == null ? Stream.empty() : body.participants().stream())
                .filter(id -> id != null && !members.containsKey(id))
                .findFirst()
                .ifPresent(stranger -> {
                    throw new InvalidMessageException("Node " + stranger + " is not a member of this group.");
                });
        Message message;
        try {
            message = body.toMessage();
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("Not a valid " + body.type() + ": " + e.getMessage() + ".");
        }
        driver.deliver(message);
    }
}
