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
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A slave of two masters, at 10.0.0.5 and 10.0.0.7, takes adjustments from either, and from nowhere else. */
@WebMvcTest(value = AdjustmentController.class, properties = "berkeley.master-url=http://10.0.0.5:8080, http://10.0.0.7:8090")
@ImportAutoConfiguration({ProblemAutoConfiguration.class, AccessAutoConfiguration.class})
@EnableConfigurationProperties(SlaveProperties.class)
@Import(AdjustmentAccess.class)
class AdjustmentAccessOfTwoMastersTests {

    private static final String TOKEN = "Bearer test-cluster-token-0123456789";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AdjustmentService adjustments;

    private ResultActions adjust(String from) throws Exception {
        return mvc.perform(post("/clock/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"adjustmentNanos\":1000,\"round\":1,\"master\":\"m1\"}")
                .header("Authorization", TOKEN)
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }));
    }

    @Test
    void fromEitherMasterTheAdjustmentIsTakenFromAnyOtherAddressItIs403() throws Exception {
        adjust("10.0.0.5").andExpect(status().isOk());
        adjust("10.0.0.7").andExpect(status().isOk());
        verify(adjustments, times(2)).apply(any());

        adjust("10.0.0.6").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "accepted only from this slave's masters (berkeley.master-url, 10.0.0.5, 10.0.0.7)")));
        verify(adjustments, times(2)).apply(any());
    }
}
