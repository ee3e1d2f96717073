package dev.clocksync.election.bully;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionContext;
import dev.clocksync.election.ElectionProtocol;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Reason;
import dev.clocksync.election.TimerKind;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Garcia-Molina's Bully algorithm ("Elections in a Distributed Computing System", 1982), as
 * Tanenbaum and van Steen teach it, for one node:
 * <ol>
 *   <li>To hold an election, send ELECTION to every node with a higher id.</li>
 *   <li>If none answers within the answer timeout (or every one of them is known to be down), win:
 *       send COORDINATOR to every other node.</li>
 *   <li>If one answers, it takes over; wait for its COORDINATOR. If that does not come within the
 *       coordinator timeout, the answerer died meanwhile: hold a new election.</li>
 *   <li>On an ELECTION from a lower id, send ANSWER back, and hold an election of your own unless you
 *       already are, or already know the coordinator of that term.</li>
 * </ol>
 * Ids compare as integers. Everything here belongs to the node's current term: the node forgets it
 * ({@link #reset()}) when the term moves on or the coordinator is known. What happens on a COORDINATOR
 * (believing it, and a higher live node taking over from a lower coordinator) is the node's part,
 * since both algorithms share it.
 */
public final class BullyElection implements ElectionProtocol {

    private enum Phase { IDLE, AWAITING_ANSWER, AWAITING_COORDINATOR }

    private final ElectionContext node;
    private Phase phase = Phase.IDLE;
    private Integer initiator;
    /** Higher nodes sent an ELECTION that might still answer (not yet known to be down). */
    private final Set<Integer> mightAnswer = new TreeSet<>();

    public BullyElection(ElectionContext node) {
        this.node = node;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.BULLY;
    }

    @Override
    public void start() {
        hold(node.id());
    }

    private void hold(Integer initiator) {
        this.initiator = initiator;
        List<Integer> higher = node.members().stream().filter(id -> id > node.id()).toList();
        if (higher.isEmpty()) {
            win();
            return;
        }
        phase = Phase.AWAITING_ANSWER;
        mightAnswer.clear();
        mightAnswer.addAll(higher);
        for (int id : higher) {
            node.send(Message.bullyElection(node.term(), node.id(), id, initiator));
        }
        node.startTimer(TimerKind.ANSWER, node.settings().answerTimeoutNanos());
    }

    @Override
    public void onElection(Message election) {
        if (election.from() > node.id()) {
            return; // Bully sends ELECTION only upwards
        }
        node.send(Message.answer(node.term(), node.id(), election.from()));
        if (phase == Phase.IDLE && node.leader() == null) {
            node.joined(Algorithm.BULLY, election.initiator());
            hold(election.initiator());
        }
    }

    @Override
    public void onAnswer(Message answer) {
        if (phase != Phase.AWAITING_ANSWER || answer.from() < node.id() || node.leader() != null) {
            return;
        }
        phase = Phase.AWAITING_COORDINATOR;
        node.cancelTimer(TimerKind.ANSWER);
        node.startTimer(TimerKind.COORDINATOR, node.settings().coordinatorTimeoutNanos());
    }

    @Override
    public void onTimer(TimerKind kind) {
        if (node.leader() != null) {
            return;
        }
        if (kind == TimerKind.ANSWER && phase == Phase.AWAITING_ANSWER) {
            win();
        } else if (kind == TimerKind.COORDINATOR && phase == Phase.AWAITING_COORDINATOR) {
            node.restart(Algorithm.BULLY, Reason.COORDINATOR_TIMEOUT);
        }
    }

    @Override
    public void onUndelivered(Message message) {
        if (message.type() != MessageType.ELECTION || message.term() != node.term() || phase != Phase.AWAITING_ANSWER) {
            return;
        }
        mightAnswer.remove(message.to());
        if (mightAnswer.isEmpty()) {
            win(); // every higher node is down: no answer can come, no need to wait for the timeout
        }
    }

    private void win() {
        phase = Phase.IDLE;
        node.cancelTimer(TimerKind.ANSWER);
        for (int id : node.members()) {
            if (id != node.id()) {
                node.send(Message.bullyCoordinator(node.term(), node.id(), id, initiator));
            }
        }
        node.elected(node.id(), Algorithm.BULLY, List.of());
    }

    @Override
    public void reset() {
        phase = Phase.IDLE;
        initiator = null;
        mightAnswer.clear();
    }
}
