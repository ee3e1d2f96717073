package dev.clocksync.electionservice.admin;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.NodeState;
import dev.clocksync.election.Role;
import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.support.problem.ProblemAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(AdminController.class)
@ImportAutoConfiguration(ProblemAutoConfiguration.class)
class AdminControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ElectionDriver driver;

    @BeforeEach
    void elected() {
        given(driver.elected()).willReturn(true);
    }

    private static NodeState state(Role role, Integer leader) {
        return new NodeState(3, List.of(1, 2, 3), Algorithm.BULLY, role, 6, leader, null, 600_000_000L, null);
    }

    @Test
    void crashMakesTheNodeCrashedAndRecoverBringsItBackElecting() throws Exception {
        given(driver.crash()).willReturn(state(Role.CRASHED, null));
        mvc.perform(post("/admin/crash"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CRASHED"))
                .andExpect(jsonPath("$.leaderAlive").value(false));
        verify(driver).crash();

        given(driver.crashed()).willReturn(true);
        given(driver.recover()).willReturn(state(Role.ELECTING, null));
        mvc.perform(post("/admin/recover"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ELECTING"));
        verify(driver).recover();
    }

    @Test
    void crashingACrashedNodeOrRecoveringALiveOneIs409() throws Exception {
        given(driver.crashed()).willReturn(false);
        mvc.perform(post("/admin/recover"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:not-crashed"));
        verify(driver, never()).recover();

        given(driver.crashed()).willReturn(true);
        mvc.perform(post("/admin/crash"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:already-crashed"));
        verify(driver, never()).crash();
    }
}
