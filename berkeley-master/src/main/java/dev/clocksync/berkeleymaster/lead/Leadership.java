package dev.clocksync.berkeleymaster.lead;

import dev.clocksync.election.NodeState;
import dev.clocksync.election.Role;
import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which master leads, as this one sees it. Masters elect the one that runs the rounds as BSD {@code timed}'s daemons
 * did, with the election nodes' library and properties ({@code election.node-id}, {@code election.peers.<id>}); a
 * master without {@code election.peers} is not elected and leads alone, in term 0, as a single master always has.
 * <p>
 * The term a master leads in is its fencing token (Kleppmann's fencing tokens; Chubby's sequencers, Burrows 2006):
 * every adjustment carries it, and a slave refuses one of a lower term than it has accepted, so a master deposed while
 * frozen or cut off cannot move a clock when it resumes. A slave's refusal tells this master the term it has accepted,
 * and {@link #fenced} hands that to the state machine, which steps down at once.
 */
@Component
public class Leadership {

    private final ElectionDriver driver;

    Leadership(ElectionDriver driver) {
        this.driver = driver;
    }

    /** @return whether the masters elect their leader (election.peers is set) */
    public boolean elected() {
        return driver.elected();
    }

    /** @return the term this master leads in: 0 if it is not elected, none if another master leads or none is known */
    public OptionalLong leadingTerm() {
        if (!driver.elected()) {
            return OptionalLong.of(0);
        }
        NodeState state = driver.state();
        return state.role() == Role.LEADER ? OptionalLong.of(state.term()) : OptionalLong.empty();
    }

    /** @return whether this master still leads in this term */
    public boolean leads(long term) {
        OptionalLong leading = leadingTerm();
        return leading.isPresent() && leading.getAsLong() == term;
    }

    /** @return the id of the master this one follows, and its URL, if it follows one it hears from */
    public Optional<Leader> leader() {
        NodeState state = driver.state();
        if (!driver.elected() || state.role() != Role.FOLLOWER || state.leader() == null || !driver.knowsLiveLeader()) {
            return Optional.empty();
        }
        URI url = driver.group().url(state.leader());
        return url == null ? Optional.empty() : Optional.of(new Leader(state.leader(), url, state.term()));
    }

    /** @return whether this master is crashed ({@code POST /admin/crash}): it behaves as dead */
    public boolean crashed() {
        return driver.crashed();
    }

    /** @return this master's id among the masters (0 if it is not elected) */
    public int id() {
        return driver.elected() ? driver.group().self() : 0;
    }

    /**
     * A slave refused an adjustment: it has accepted term {@code acceptedTerm} (higher than this master's, or this
     * master's own term led by another master). The state machine steps down and elects anew.
     */
    public void fenced(long acceptedTerm) {
        if (driver.elected()) {
            driver.fenced(acceptedTerm);
        }
    }

    /** @return 503: this master is crashed ({@code POST /admin/crash}) and behaves as dead */
    public static ErrorResponseException crashedAnswer() {
        return Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "master-crashed", "Master crashed",
                "This master is crashed (POST /admin/crash) and behaves as dead until POST /admin/recover.");
    }

    /** @return the answer, with {@code Retry-After: 1}: an election takes about a second */
    public static ErrorResponseException retryAfterASecond(ErrorResponseException answer) {
        answer.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return answer;
    }

    /**
     * The master another one follows.
     *
     * @param id   its id among the masters
     * @param url  its base URL ({@code election.peers.<id>})
     * @param term the term it leads in
     */
    public record Leader(int id, URI url, long term) {
    }
}
