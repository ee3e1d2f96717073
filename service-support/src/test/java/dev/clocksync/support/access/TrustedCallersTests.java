package dev.clocksync.support.access;

import dev.clocksync.support.SupportTestApplication;
import dev.clocksync.support.problem.ProbeController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A path declared for trusted callers takes changes only from their addresses, and only with the token as well. */
@SpringBootTest(classes = SupportTestApplication.class)
@AutoConfigureMockMvc
@Import({ProbeController.class, TrustedCallersTests.OrdersFromTheOffice.class})
class TrustedCallersTests {

    private static final String TOKEN = "Bearer support-test-token-0123456789";

    @TestConfiguration
    static class OrdersFromTheOffice {

        @Bean
        TrustedCallers orderTakers() {
            return new TrustedCallers("/probe/orders", "the office (probe.office-url)", List.of("10.0.0.7", "localhost"));
        }
    }

    @Autowired
    MockMvc mvc;

    private ResultActions order(String from, String authorization) throws Exception {
        return mvc.perform(post("/probe/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"KMC\",\"count\":3}")
                .header("Authorization", authorization)
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }));
    }

    @Test
    void aChangeFromATrustedAddressWithTheTokenGoesThrough() throws Exception {
        order("10.0.0.7", TOKEN).andExpect(status().isOk());
    }

    @Test
    void aChangeFromAnyOtherAddressIs403AndSaysWhoMayCall() throws Exception {
        order("10.0.0.8", TOKEN).andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:untrusted-caller"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").value("POST /probe/orders is accepted only from the office "
                        + "(probe.office-url); this request came from 10.0.0.8."));
    }

    @Test
    void theTokenIsCheckedFirst() throws Exception {
        order("10.0.0.7", "Bearer support-test-token-9876543210").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:clocksync:problem:wrong-token"));
        mvc.perform(post("/probe/orders").with(request -> {
            request.setRemoteAddr("10.0.0.8");
            return request;
        })).andExpect(status().isUnauthorized());
    }

    @Test
    void everyLoopbackAddressIsTheSameHost() throws Exception {
        order("127.0.0.1", TOKEN).andExpect(status().isOk());
        order("0:0:0:0:0:0:0:1", TOKEN).andExpect(status().isOk());
        order("127.0.0.2", TOKEN).andExpect(status().isOk());
    }

    @Test
    void readsAndOtherPathsAreNotRestricted() throws Exception {
        mvc.perform(get("/probe/count").param("n", "2").with(request -> {
            request.setRemoteAddr("10.0.0.8");
            return request;
        })).andExpect(status().isOk());
    }

    @Test
    void hostsThatDoNotResolveTrustNobody() {
        TrustedCallersInterceptor interceptor = new TrustedCallersInterceptor(
                new TrustedCallers("/x", "nobody", List.of("no-such-host.invalid")));
        assertThat(interceptor.isTrusted("127.0.0.1")).isFalse();
        assertThat(interceptor.isTrusted("10.0.0.7")).isFalse();
        assertThat(new TrustedCallersInterceptor(new TrustedCallers("/x", "one", List.of("10.0.0.7")))
                .isTrusted("10.0.0.7")).isTrue();
    }
}
