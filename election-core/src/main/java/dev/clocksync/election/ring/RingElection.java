package dev.clocksync.election.ring;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionContext;
import dev.clocksync.election.ElectionProtocol;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Reason;
import dev.clocksync.election.TimerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The ring election (Chang and Roberts, 1979, in the form Tanenbaum and van Steen teach), for one node.
 * The nodes form a ring in ascending id order, the highest followed by the lowest.
 * <ol>
 *   <li>To hold an election, send ELECTION([self]) to your successor. A successor that does not
 *       answer is skipped: the message goes to the one after it, and so on.</li>
 *   <li>On an ELECTION, add yourself to its participants and pass it on the same way.</li>
 *   <li>When it is back at its initiator (who finds itself in the list), the highest participant is the
 *       coordinator: the initiator passes COORDINATOR(participants) once around the participants, and
 *       every node on the way believes it. The initiator stops it when it comes back.</li>
 * </ol>
 * Concurrent elections in one term converge: each names the highest participant, and they all see the
 * same live nodes. To spare messages, a node passes on no ELECTION of a lower initiator than one it has
 * already passed on in this term (Chang–Roberts' extinction, applied to initiators): the highest
 * initiator's message goes round, and its COORDINATOR reaches the others.
 * <p>
 * A message lost with a node that crashed while holding it is recovered by timeout: the initiator and
 * every node that passed the ELECTION on wait at most the ring timeout for a coordinator, then start a
 * new election in the next term. An ELECTION that comes back to a participant other than its initiator
 * has lost its initiator on the way; it is dropped, and the same timeout restarts the election.
 */
public final class RingElection implements ElectionProtocol {

    private final ElectionContext node;
    /** Whether this node started an election in the current term. */
    private boolean initiated;
    /** The highest initiator whose ELECTION this node passed on in the current term; 0 if none. */
    private int highestInitiator;

    public RingElection(ElectionContext node) {
        this.node = node;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.RING;
    }

    @Override
    public void start() {
        initiated = true;
        highestInitiator = Math.max(highestInitiator, node.id());
        passOn(MessageType.ELECTION, node.term(), node.id(), List.of(node.id()), node.id());
        node.startTimer(TimerKind.RING, node.settings().ringTimeoutNanos());
    }

    @Override
    public void onElection(Message election) {
        if (node.leader() != null) {
            return; // this term's coordinator is known already
        }
        if (election.participants().contains(node.id())) {
            if (election.initiator() == node.id() && initiated) {
                announce(election.participants());
            }
            return; // came round without meeting its initiator, who is gone: the ring timeout restarts
        }
        if (election.initiator() < highestInitiator) {
            return; // a higher initiator's election of this term has already gone round through here
        }
        highestInitiator = election.initiator();
        node.joined(Algorithm.RING, election.initiator());
        List<Integer> participants = new ArrayList<>(election.participants());
        participants.add(node.id());
        passOn(MessageType.ELECTION, election.term(), election.initiator(), participants, node.id());
        if (!node.timerRunning(TimerKind.RING)) {
            node.startTimer(TimerKind.RING, node.settings().ringTimeoutNanos());
        }
    }

    private void announce(List<Integer> participants) {
        passOn(MessageType.COORDINATOR, node.term(), node.id(), participants, node.id());
        int leader = participants.stream().max(Integer::compare).orElseThrow();
        node.elected(leader, Algorithm.RING, participants);
    }

    @Override
    public void onCoordinator(Message coordinator) {
        if (coordinator.initiator() != node.id()) {
            passOn(MessageType.COORDINATOR, coordinator.term(), coordinator.initiator(), coordinator.participants(), node.id());
        } // else: back at its initiator, the round is over
    }

    @Override
    public void onTimer(TimerKind kind) {
        if (kind == TimerKind.RING && node.leader() == null) {
            node.restart(Algorithm.RING, Reason.RING_TIMEOUT);
        }
    }

    @Override
    public void onUndelivered(Message message) {
        if (message.type() == MessageType.ELECTION && (message.term() != node.term() || node.leader() != null)) {
            return; // that election is over
        }
        if (message.type() == MessageType.ELECTION || message.type() == MessageType.COORDINATOR) {
            passOn(message.type(), message.term(), message.initiator(), message.participants(), message.to());
        }
    }

    /**
     * Sends a message of the ring to the next node after {@code after} (in ring order from this node)
     * that it should go to: an ELECTION to the next node not yet in it, a COORDINATOR to the next
     * participant, either of them at most as far as its initiator. Nodes that do not answer are skipped
     * by calling this again from {@link #onUndelivered}. An ELECTION that finds nobody else up on its way
     * back to this node, its initiator, has come round: this node alone is up.
     */
    private void passOn(MessageType type, long term, int initiator, List<Integer> participants, int after) {
        IntPredicate wanted = type == MessageType.ELECTION
                ? id -> id == initiator || !participants.contains(id)
                : participants::contains;
        Integer next = after == initiator && after != node.id() ? null : nextAfter(after, wanted);
        if (next != null) {
            node.send(type == MessageType.ELECTION
                    ? Message.ringElection(term, node.id(), next, initiator, participants)
                    : Message.ringCoordinator(term, node.id(), next, initiator, participants));
        } else if (type == MessageType.ELECTION && initiator == node.id() && initiated
                && term == node.term() && node.leader() == null) {
            announce(participants);
        }
    }

    /** @return the first node after {@code after} in ring order from this node that is wanted, or null */
    private Integer nextAfter(int after, IntPredicate wanted) {
        List<Integer> ring = successors();
        int from = after == node.id() ? 0 : ring.indexOf(after) + 1;
        for (int i = from; i < ring.size(); i++) {
            if (wanted.test(ring.get(i))) {
                return ring.get(i);
            }
        }
        return null;
    }

    /** @return the other nodes in ring order from this one: the higher ids ascending, then the lower ones */
    private List<Integer> successors() {
        List<Integer> ring = new ArrayList<>(node.members().size());
        node.members().stream().filter(id -> id > node.id()).forEach(ring::add);
        node.members().stream().filter(id -> id < node.id()).forEach(ring::add);
        return ring;
    }

    @Override
    public void reset() {
        initiated = false;
        highestInitiator = 0;
    }
}
