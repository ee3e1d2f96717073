package dev.clocksync.electionservice.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.election.Algorithm;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A message between nodes, as it travels in {@code POST /election/messages}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(description = "A message between election nodes")
public record MessageBody(
        @Schema(description = "What the message is") @NotNull MessageType type,
        @Schema(description = "The algorithm it belongs to", allowableValues = {"bully", "ring"})
        @NotNull @Pattern(regexp = "bully|ring", message = "must be bully or ring") String algorithm,
        @Schema(description = "The sender's term, 0 to 2^53 - 1") @NotNull @PositiveOrZero @Max(MAX_TERM) Long term,
        @Schema(description = "The sender's id") @NotNull @Positive Integer from,
        @Schema(description = "The receiver's id") @NotNull @Positive Integer to,
        @Schema(description = "COORDINATOR, HEARTBEAT: the coordinator; the pre-vote messages: the silent coordinator asked about")
        @Positive Integer leader,
        @Schema(description = "ELECTION, COORDINATOR: who started the election") @Positive Integer initiator,
        @Schema(description = "Ring ELECTION and COORDINATOR: the participants so far, initiator first")
        @Size(max = 1000) List<@NotNull @Positive Integer> participants) {

    /**
     * The highest term taken over HTTP: 2<sup>53</sup> − 1, the largest integer a JSON number carries
     * exactly in most clients. No group holds that many elections; a higher term is an error or an attack.
     */
    public static final long MAX_TERM = (1L << 53) - 1;

    /** @return the body of this message */
    public static MessageBody of(Message message) {
        return new MessageBody(message.type(), message.algorithm().label(), message.term(), message.from(),
                message.to(), message.leader(), message.initiator(), message.participants());
    }

    /**
     * @return the message
     * @throws IllegalArgumentException if it breaks its algorithm's rules (a ring ELECTION without
     *                                  participants, a COORDINATOR without a leader, ...)
     */
    Message toMessage() {
        return new Message(type, Algorithm.ofLabel(algorithm), term, from, to, leader, initiator, participants);
    }
}
