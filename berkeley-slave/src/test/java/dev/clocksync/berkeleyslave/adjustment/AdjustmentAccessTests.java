package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.support.access.AccessAutoConfiguration;
import dev.clocksync.support.problem.ProblemAutoConfiguration;
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

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A slave whose master is at 10.0.0.5 takes adjustments from there only, and only with the cluster's token. */
@WebMvcTest(value = AdjustmentController.class, properties = "berkeley.master-url=http://10.0.0.5:8080")
@ImportAutoConfiguration({ProblemAutoConfiguration.class, AccessAutoConfiguration.class})
@EnableConfigurationProperties(SlaveProperties.class)
@Import(AdjustmentAccess.class)
class AdjustmentAccessTests {

    private static final String TOKEN = "Bearer test-cluster-token-0123456789";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AdjustmentService adjustments;

    private ResultActions adjust(String from, String authorization) throws Exception {
        return mvc.perform(post("/clock/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"adjustmentNanos\":1000,\"round\":1,\"master\":\"m1\"}")
                .header("Authorization", authorization)
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }));
    }

    @Test
    void fromTheMasterWithTheTokenTheAdjustmentIsApplied() throws Exception {
        adjust("10.0.0.5", TOKEN).andExpect(status().isOk());
        verify(adjustments).apply(any());
    }

    @Test
    void fromAnyOtherAddressItIs403AndNothingIsApplied() throws Exception {
        adjust("10.0.0.6", TOKEN).andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:untrusted-caller"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "accepted only from this slave's master (berkeley.master-url, 10.0.0.5)")));
        adjust("127.0.0.1", TOKEN).andExpect(status().isForbidden());
        verify(adjustments, never()).apply(any());
    }

    @Test
    void evenFromTheMasterItNeedsTheToken() throws Exception {
        mvc.perform(post("/clock/adjustments").contentType(MediaType.APPLICATION_JSON).content("{}")
                .with(request -> {
                    request.setRemoteAddr("10.0.0.5");
                    return request;
                })).andExpect(status().isUnauthorized());
        adjust("10.0.0.5", "Bearer not-the-cluster-token").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:wrong-token"));
        verify(adjustments, never()).apply(any());
    }
}
