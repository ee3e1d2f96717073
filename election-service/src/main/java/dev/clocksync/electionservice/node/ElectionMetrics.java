package dev.clocksync.electionservice.node;

import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's election metrics: messages sent, received and undelivered by type; elections started (by
 * algorithm and reason) and won; changes of coordinator; the time from starting or joining an election
 * to knowing its coordinator; the current term and coordinator.
 */
final class ElectionMetrics {

    private final MeterRegistry registry;
    private final Map<MessageType, Counter> sent = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> received = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> undelivered = new EnumMap<>(MessageType.class);
    private final Counter leaderChanges;
    /** Held here: a gauge holds its object only weakly, and this object lives as long as the driver. */
    private final Supplier<NodeState> state;
    private Integer lastLeader;

    ElectionMetrics(MeterRegistry registry, Supplier<NodeState> state) {
        this.registry = registry;
        this.state = state;
        for (MessageType type : MessageType.values()) {
            String tag = tag(type);
            sent.put(type, Counter.builder("election.messages.sent").tag("type", tag)
                    .description("Messages this node sent (or tried to), by type").register(registry));
            received.put(type, Counter.builder("election.messages.received").tag("type", tag)
                    .description("Messages this node accepted from other nodes, by type").register(registry));
            undelivered.put(type, Counter.builder("election.messages.undelivered").tag("type", tag)
                    .description("Messages this node could not deliver (peer down, refusing, or too slow), by type")
                    .register(registry));
        }
        leaderChanges = Counter.builder("election.leader.changes")
                .description("Times this node came to believe a different coordinator").register(registry);
        Gauge.builder("election.term", this, m -> m.state.get().term())
                .description("This node's term: the number of the latest election it knows of").register(registry);
        Gauge.builder("election.leader", this, m -> m.state.get().leader() == null ? Double.NaN : m.state.get().leader())
                .description("The coordinator this node believes, NaN if none").register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    void sent(Message message) {
        sent.get(message.type()).increment();
    }

    void received(Message message) {
        received.get(message.type()).increment();
    }

    void undelivered(Message message) {
        undelivered.get(message.type()).increment();
    }

    void event(ElectionEvent event, int self) {
        switch (event.kind()) {
            case ELECTION_STARTED -> Counter.builder("election.elections.started")
                    .tag("algorithm", event.election().algorithm().label())
                    .tag("reason", tag(event.reason()))
                    .description("Elections this node started, by algorithm and reason").register(registry).increment();
            case LEADER_ELECTED -> {
                if (event.leader() == self) {
                    Counter.builder("election.elections.won").tag("algorithm", event.election().algorithm().label())
                            .description("Elections this node won").register(registry).increment();
                }
                if (!Objects.equals(lastLeader, event.leader())) {
                    if (lastLeader != null) {
                        leaderChanges.increment();
                    }
                    lastLeader = event.leader();
                }
                Long duration = event.election().durationNanos();
                if (duration != null) {
                    Timer.builder("election.time.to.elect").tag("algorithm", event.election().algorithm().label())
                            .description("From starting or joining an election to knowing its coordinator")
                            .publishPercentileHistogram()
                            .register(registry).record(duration, TimeUnit.NANOSECONDS);
                }
            }
            default -> {
            }
        }
    }
}
