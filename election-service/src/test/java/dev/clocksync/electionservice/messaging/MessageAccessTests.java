package dev.clocksync.electionservice.messaging;

import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import dev.clocksync.support.access.AccessAutoConfiguration;
import dev.clocksync.support.problem.ProblemAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Node 2 of a group whose members 1 and 3 are at 10.0.0.1 and 10.0.0.3 takes election messages from those
 * addresses only, and only with the cluster's token.
 */
@WebMvcTest(value = MessageController.class, properties = {"election.node-id=2",
        "election.peers.1=http://10.0.0.1:8101", "election.peers.2=http://10.0.0.2:8102", "election.peers.3=http://10.0.0.3:8103"})
@ImportAutoConfiguration({ProblemAutoConfiguration.class, AccessAutoConfiguration.class})
@EnableConfigurationProperties(ElectionProperties.class)
@Import({MessageAccess.class, MessageAccessTests.Group.class})
class MessageAccessTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Group {

        @Bean
        ElectionGroup electionGroup(ElectionProperties properties) {
            return ElectionGroup.configured(properties);
        }
    }

    private static final String TOKEN = "Bearer test-cluster-token-0123456789";

    @Autowired
    MockMvc mvc;

    @Autowired
    ElectionProperties properties;

    @MockitoBean
    ElectionDriver driver;

    @BeforeEach
    void nodeTwo() {
        given(driver.properties()).willReturn(properties);
        given(driver.group()).willReturn(ElectionGroup.configured(properties));
        given(driver.elected()).willReturn(true);
    }

    private ResultActions heartbeat(String from, String authorization) throws Exception {
        return mvc.perform(post("/election/messages").contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"HEARTBEAT\",\"algorithm\":\"bully\",\"term\":4,\"from\":3,\"to\":2,\"leader\":3}")
                .header("Authorization", authorization)
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }));
    }

    @Test
    void fromAMemberWithTheTokenAMessageIsDelivered() throws Exception {
        heartbeat("10.0.0.3", TOKEN).andExpect(status().isAccepted());
        heartbeat("10.0.0.1", TOKEN).andExpect(status().isAccepted());
        verify(driver, times(2)).deliver(any());
    }

    @Test
    void fromAnyOtherAddressItIs403AndNothingIsDelivered() throws Exception {
        heartbeat("10.0.0.9", TOKEN).andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:untrusted-caller"))
                .andExpect(jsonPath("$.detail").value(containsString("the other members of this node's group (election.peers)")));
        heartbeat("127.0.0.1", TOKEN).andExpect(status().isForbidden());
        verify(driver, never()).deliver(any());
    }

    @Test
    void evenFromAMemberItNeedsTheToken() throws Exception {
        mvc.perform(post("/election/messages").contentType(MediaType.APPLICATION_JSON).content("{}")
                .with(request -> {
                    request.setRemoteAddr("10.0.0.3");
                    return request;
                })).andExpect(status().isUnauthorized());
        heartbeat("10.0.0.3", "Bearer not-the-cluster-token").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:wrong-token"));
        verify(driver, never()).deliver(any());
    }
}
