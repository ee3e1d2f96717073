package dev.clocksync.election;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message that breaks its algorithm's rules cannot be made, so a driver can turn bad input into a 400. */
class MessageTests {

    private static Message message(MessageType type, Algorithm algorithm, int from, int to, Integer leader,
            Integer initiator, List<Integer> participants) {
        return new Message(type, algorithm, 1, from, to, leader, initiator, participants);
    }

    @Test
    void theFactoriesMakeValidMessages() {
        assertThat(Message.bullyElection(1, 2, 3, 1).participants()).isEmpty();
        assertThat(Message.ringCoordinator(1, 2, 3, 1, List.of(1, 2, 5)).leader()).isEqualTo(5);
        assertThat(Message.heartbeat(1, 4, 1, Algorithm.RING).leader()).isEqualTo(4);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Message(MessageType.ANSWER, Algorithm.BULLY, -1, 1, 2, null, null, null))
                .hasMessageContaining("term");
        assertThatThrownBy(() -> new Message(MessageType.ANSWER, Algorithm.BULLY, Message.MAX_TERM + 1, 1, 2, null, null, null))
                .hasMessageContaining("term");
        assertThat(new Message(MessageType.ANSWER, Algorithm.BULLY, Message.MAX_TERM, 1, 2, null, null, null).term())
                .isEqualTo(Long.MAX_VALUE / 2);
        assertThatThrownBy(() -> message(MessageType.ANSWER, Algorithm.BULLY, 2, 2, null, null, null))
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> message(MessageType.ANSWER, Algorithm.RING, 1, 2, null, null, null))
                .hasMessageContaining("Bully");
        assertThatThrownBy(() -> message(MessageType.ELECTION, Algorithm.BULLY, 1, 2, null, null, null))
                .hasMessageContaining("initiator");
        assertThatThrownBy(() -> message(MessageType.ELECTION, Algorithm.RING, 1, 2, null, 1, List.of(2, 1)))
                .hasMessageContaining("initiator first");
        assertThatThrownBy(() -> message(MessageType.ELECTION, Algorithm.RING, 3, 4, null, 1, List.of(1, 2)))
                .hasMessageContaining("sender");
        assertThatThrownBy(() -> message(MessageType.ELECTION, Algorithm.RING, 2, 3, null, 1, List.of(1, 2, 2)))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> message(MessageType.COORDINATOR, Algorithm.RING, 2, 3, 2, 1, List.of(1, 2, 5)))
                .hasMessageContaining("highest");
        assertThatThrownBy(() -> message(MessageType.COORDINATOR, Algorithm.BULLY, 2, 3, 5, null, null))
                .hasMessageContaining("leader itself");
        assertThatThrownBy(() -> message(MessageType.HEARTBEAT, Algorithm.BULLY, 2, 3, 5, null, null))
                .hasMessageContaining("leader itself");
        assertThatThrownBy(() -> message(MessageType.COORDINATOR, Algorithm.BULLY, 0, 3, 0, null, null))
                .hasMessageContaining("positive");
    }
}
