package dev.clocksync.dashboard.control;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SameOriginInterceptorTests {

    private static final SameOriginInterceptor LOCAL = new SameOriginInterceptor(List.of("localhost", "127.0.0.1", "[::1]"));

    private static MockHttpServletRequest request(String host, String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/actions/round");
        if (host != null) {
            request.addHeader("Host", host);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static boolean passes(SameOriginInterceptor interceptor, MockHttpServletRequest request) {
        return interceptor.preHandle(request, new MockHttpServletResponse(), new Object());
    }

    private static void refused(SameOriginInterceptor interceptor, MockHttpServletRequest request, String type) {
        assertThatThrownBy(() -> passes(interceptor, request)).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(403);
            assertThat(e.getBody().getType()).hasToString("urn:clocksync:problem:" + type);
        });
    }

    @Test
    void thePagesOwnRequestsPass() {
        assertThat(passes(LOCAL, request("localhost:8000", "Origin", "http://localhost:8000", "Sec-Fetch-Site", "same-origin"))).isTrue();
        assertThat(passes(LOCAL, request("127.0.0.1:8000", "Origin", "http://127.0.0.1:8000"))).isTrue();
        assertThat(passes(LOCAL, request("[::1]:8000", "Origin", "http://[::1]:8000"))).isTrue();
        assertThat(passes(LOCAL, request("localhost", "Origin", "http://localhost"))).isTrue();
    }

    @Test
    void requestsWithoutBrowserHeadersPass() {
        assertThat(passes(LOCAL, request("localhost:8000"))).isTrue();
    }

    @Test
    void behindAProxyThatRewritesTheHostTheBrowsersSameOriginIsTrusted() {
        // Sec-Fetch-Site is set by the browser, not by scripts: same-origin is the page's own request.
        assertThat(passes(LOCAL, request("127.0.0.1:8000", "Origin", "https://localhost", "Sec-Fetch-Site", "same-origin"))).isTrue();
    }

    @Test
    void anotherSiteOrOriginIsRefused() {
        refused(LOCAL, request("localhost:8000", "Origin", "http://evil.example"), "cross-site");
        refused(LOCAL, request("localhost:8000", "Origin", "http://localhost:8080"), "cross-site");
        refused(LOCAL, request("localhost:8000", "Origin", "null"), "cross-site");
        refused(LOCAL, request("localhost:8000", "Sec-Fetch-Site", "cross-site"), "cross-site");
        refused(LOCAL, request("localhost:8000", "Sec-Fetch-Site", "same-site", "Origin", "http://localhost:8080"), "cross-site");
    }

    @Test
    void aNameThatIsNotAllowedIsRefusedEvenFromItsOwnPage() {
        // DNS rebinding: evil.example resolves to 127.0.0.1, so its page is "same-origin" with itself.
        refused(LOCAL, request("evil.example:8000", "Origin", "http://evil.example:8000", "Sec-Fetch-Site", "same-origin"),
                "host-not-allowed");
        refused(LOCAL, request(null), "host-not-allowed");
        assertThat(passes(new SameOriginInterceptor(List.of("*")), request("dashboard.example:8000"))).isTrue();
        assertThat(passes(new SameOriginInterceptor(List.of("dashboard.example")),
                request("Dashboard.Example:8000", "Origin", "http://dashboard.example:8000"))).isTrue();
    }

    @Test
    void hostNamesLoseTheirPort() {
        assertThat(SameOriginInterceptor.hostName("LocalHost:8000")).isEqualTo("localhost");
        assertThat(SameOriginInterceptor.hostName("[::1]:8000")).isEqualTo("[::1]");
        assertThat(SameOriginInterceptor.hostName("[::1]")).isEqualTo("[::1]");
        assertThat(SameOriginInterceptor.hostName("example")).isEqualTo("example");
    }
}
