package dev.clocksync.electionservice.messaging;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.Message;
import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import dev.clocksync.electionservice.node.NodeUnavailableException;
import dev.clocksync.support.problem.ProblemAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The internal message endpoint: what it takes to the state machine, and what it refuses. This is node 2 of 1..5. */
@WebMvcTest(MessageController.class)
@ImportAutoConfiguration(ProblemAutoConfiguration.class)
class MessageControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ElectionDriver driver;

    @BeforeEach
    void nodeTwoOfFive() {
        given(driver.properties()).willReturn(new ElectionProperties(2, ElectionGroup.LOCAL_FIVE, Algorithm.BULLY,
                Duration.ofMillis(150), Duration.ofMillis(600), Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(300), 100));
        given(driver.group()).willReturn(new ElectionGroup(2, ElectionGroup.LOCAL_FIVE));
        given(driver.elected()).willReturn(true);
    }

    private ResultActions send(String json) throws Exception {
        return mvc.perform(post("/election/messages").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions invalid(String json, String detail) throws Exception {
        return send(json).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:invalid-message"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
    }

    @Test
    void aValidMessageIsQueuedForTheStateMachineAndAcceptedAtOnce() throws Exception {
        send("{\"type\":\"ELECTION\",\"algorithm\":\"bully\",\"term\":7,\"from\":1,\"to\":2,\"initiator\":1}")
                .andExpect(status().isAccepted());
        verify(driver).deliver(Message.bullyElection(7, 1, 2, 1));

        send("{\"type\":\"COORDINATOR\",\"algorithm\":\"ring\",\"term\":8,\"from\":1,\"to\":2,\"leader\":5,"
                + "\"initiator\":4,\"participants\":[4,5,1]}").andExpect(status().isAccepted());
        verify(driver).deliver(Message.ringCoordinator(8, 1, 2, 4, List.of(4, 5, 1)));

        send("{\"type\":\"HEARTBEAT\",\"algorithm\":\"bully\",\"term\":8,\"from\":5,\"to\":2,\"leader\":5}")
                .andExpect(status().isAccepted());
        verify(driver).deliver(Message.heartbeat(8, 5, 2, Algorithm.BULLY));
    }

    @Test
    void messagesFromOrAboutStrangersOrForAnotherNodeAre400() throws Exception {
        invalid("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":9,\"to\":2}", "Unknown sender 9");
        invalid("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":2,\"to\":2}", "Unknown sender 2");
        invalid("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":3,\"to\":4}", "Addressed to node 4, but this is node 2");
        invalid("{\"type\":\"HEARTBEAT\",\"algorithm\":\"bully\",\"term\":1,\"from\":3,\"to\":2,\"leader\":7}", "Node 7 is not a member");
        invalid("{\"type\":\"ELECTION\",\"algorithm\":\"ring\",\"term\":1,\"from\":1,\"to\":2,\"initiator\":1,"
                + "\"participants\":[1,6]}", "Node 6 is not a member");
        verify(driver, never()).deliver(any());
    }

    @Test
    void messagesThatBreakTheirAlgorithmsRulesAre400() throws Exception {
        invalid("{\"type\":\"ELECTION\",\"algorithm\":\"ring\",\"term\":1,\"from\":1,\"to\":2,\"initiator\":1}",
                "Not a valid ELECTION: a ring ELECTION lists its participants");
        invalid("{\"type\":\"COORDINATOR\",\"algorithm\":\"bully\",\"term\":1,\"from\":1,\"to\":2}", "names the leader");
        invalid("{\"type\":\"COORDINATOR\",\"algorithm\":\"bully\",\"term\":1,\"from\":1,\"to\":2,\"leader\":5}", "leader itself");
        invalid("{\"type\":\"ANSWER\",\"algorithm\":\"ring\",\"term\":1,\"from\":1,\"to\":2}", "ANSWER belongs to Bully");
        verify(driver, never()).deliver(any());
    }

    @Test
    void malformedOrIncompleteBodiesAre400() throws Exception {
        send("{\"type\":\"ELECTION\",").andExpect(status().isBadRequest()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        send("{\"type\":\"VOTE\",\"algorithm\":\"bully\",\"term\":1,\"from\":1,\"to\":2}").andExpect(status().isBadRequest());
        send("{\"type\":\"ANSWER\",\"algorithm\":\"paxos\",\"term\":1,\"from\":1,\"to\":2}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("algorithm"));
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"from\":1,\"to\":2}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("term"));
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":-1,\"from\":1,\"to\":2}").andExpect(status().isBadRequest());
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":9007199254740992,\"from\":1,\"to\":2}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("term"));
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":9223372036854775808,\"from\":1,\"to\":2}")
                .andExpect(status().isBadRequest());
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":0,\"to\":2}").andExpect(status().isBadRequest());
        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1e400,\"from\":1,\"to\":2}").andExpect(status().isBadRequest());
        send("").andExpect(status().isBadRequest());
        mvc.perform(post("/election/messages").contentType(MediaType.TEXT_PLAIN).content("ELECTION"))
                .andExpect(status().isUnsupportedMediaType());
        verify(driver, never()).deliver(any());
    }

    @Test
    void aCrashedNodeRefusesEveryMessageWith503BeforeReadingIt() throws Exception {
        given(driver.crashed()).willReturn(true);

        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":3,\"to\":2}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:node-crashed"));
        send("not even json").andExpect(status().isServiceUnavailable());
        verify(driver, never()).deliver(any());
    }

    @Test
    void anOverloadedNodeRefusesWith503() throws Exception {
        willThrow(NodeUnavailableException.overloaded()).given(driver).deliver(any());

        send("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":3,\"to\":2}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:node-overloaded"));
    }
}
