package dev.clocksync.electionservice.election;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSummary;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import dev.clocksync.election.Reason;
import dev.clocksync.election.Role;
import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.electionservice.node.ElectionHistory;
import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import dev.clocksync.support.problem.ProblemAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public election API, against a driver that is a mock. */
@WebMvcTest(ElectionController.class)
@ImportAutoConfiguration(ProblemAutoConfiguration.class)
class ElectionControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ElectionDriver driver;

    static final ElectionSummary ELECTED = new ElectionSummary(4, Algorithm.RING, 2, Reason.LEADER_FAILED, 1_000_000L,
            5, 4_250_000L, Map.of(MessageType.ELECTION, 1, MessageType.COORDINATOR, 1), List.of(2, 3, 4, 5, 1));

    @BeforeEach
    void aFollowerOfFive() {
        given(driver.properties()).willReturn(properties());
        given(driver.elected()).willReturn(true);
        given(driver.state()).willReturn(new NodeState(2, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, Role.FOLLOWER, 4, 5, 0L, 900_000_000L, ELECTED));
        given(driver.knowsLiveLeader()).willReturn(true);
    }

    static ElectionProperties properties() {
        return new ElectionProperties(2, ElectionGroup.LOCAL_FIVE, Algorithm.BULLY, Duration.ofMillis(150),
                Duration.ofMillis(600), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofMillis(300), 100);
    }

    @Test
    void showsWhoLeadsAndTheLatestElection() throws Exception {
        mvc.perform(get("/election"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodeId").value(2))
                .andExpect(jsonPath("$.leaderId").value(5))
                .andExpect(jsonPath("$.term").value(4))
                .andExpect(jsonPath("$.state").value("FOLLOWER"))
                .andExpect(jsonPath("$.algorithm").value("bully"))
                .andExpect(jsonPath("$.leaderAlive").value(true))
                .andExpect(jsonPath("$.suspectAfterMillis").value(900))
                .andExpect(jsonPath("$.members.length()").value(5))
                .andExpect(jsonPath("$.lastElection.algorithm").value("ring"))
                .andExpect(jsonPath("$.lastElection.initiator").value(2))
                .andExpect(jsonPath("$.lastElection.reason").value("leader_failed"))
                .andExpect(jsonPath("$.lastElection.outcome").value("elected"))
                .andExpect(jsonPath("$.lastElection.durationMillis").value(3.25))
                .andExpect(jsonPath("$.lastElection.messagesSent.ELECTION").value(1))
                .andExpect(jsonPath("$.lastElection.messagesSent.ANSWER").value(0))
                .andExpect(jsonPath("$.lastElection.messagesSent.COORDINATOR").value(1))
                .andExpect(jsonPath("$.lastElection.participants[0]").value(2));
    }

    @Test
    void theLeaderIsNullWhileUnknown() throws Exception {
        given(driver.state()).willReturn(new NodeState(2, List.of(1, 2), Algorithm.BULLY, Role.ELECTING, 5, null, null, 600_000_000L, null));
        given(driver.knowsLiveLeader()).willReturn(false);

        mvc.perform(get("/election"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"leaderId\":null")))
                .andExpect(jsonPath("$.state").value("ELECTING"))
                .andExpect(jsonPath("$.lastElection").doesNotExist());
    }

    @Test
    void startsAnElectionWithTheConfiguredAlgorithmOrTheNamedOne() throws Exception {
        NodeState electing = new NodeState(2, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, Role.ELECTING, 5, null, null, 600_000_000L, null);
        given(driver.startElection(any())).willReturn(electing);

        mvc.perform(post("/election"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.term").value(5))
                .andExpect(jsonPath("$.state").value("ELECTING"));
        verify(driver).startElection(Algorithm.BULLY);

        mvc.perform(post("/election?algorithm=ring")).andExpect(status().isAccepted());
        verify(driver).startElection(Algorithm.RING);
    }

    @Test
    void anUnknownAlgorithmIs400AndStartsNothing() throws Exception {
        mvc.perform(post("/election?algorithm=paxos"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("algorithm"))
                .andExpect(jsonPath("$.errors[0].message").value("must be bully or ring"));
        mvc.perform(post("/election?algorithm=RING")).andExpect(status().isBadRequest());
        verify(driver, never()).startElection(any());
    }

    @Test
    void aCrashedNodeStartsNoElection() throws Exception {
        given(driver.crashed()).willReturn(true);

        mvc.perform(post("/election"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:node-crashed"));
        verify(driver, never()).startElection(any());
    }

    @Test
    void listsRecentEventsNewestFirst() throws Exception {
        ElectionEvent started = new ElectionEvent(ElectionEvent.Kind.ELECTION_STARTED, 1_000_000, 4, null,
                Reason.LEADER_FAILED, new ElectionSummary(4, Algorithm.RING, 2, Reason.LEADER_FAILED, 1_000_000L,
                null, null, Map.of(), List.of()));
        ElectionEvent elected = new ElectionEvent(ElectionEvent.Kind.LEADER_ELECTED, 4_250_000, 4, 5, null, ELECTED);
        given(driver.history(2)).willReturn(List.of(
                new ElectionHistory.Entry(2, Instant.parse("2026-11-26T10:00:00.004Z"), elected),
                new ElectionHistory.Entry(1, Instant.parse("2026-11-26T10:00:00.001Z"), started)));

        mvc.perform(get("/election/history?limit=2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].event").value("leader_elected"))
                .andExpect(jsonPath("$[0].leaderId").value(5))
                .andExpect(jsonPath("$[0].durationMillis").value(3.25))
                .andExpect(jsonPath("$[1].event").value("election_started"))
                .andExpect(jsonPath("$[1].reason").value("leader_failed"))
                .andExpect(jsonPath("$[1].algorithm").value("ring"))
                .andExpect(jsonPath("$[1].sequence").value(1));
    }

    @Test
    void aHistoryLimitOutOfRangeIs400() throws Exception {
        mvc.perform(get("/election/history?limit=0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/election/history?limit=1001")).andExpect(status().isBadRequest());
        mvc.perform(get("/election/history?limit=all")).andExpect(status().isBadRequest());
    }
}
