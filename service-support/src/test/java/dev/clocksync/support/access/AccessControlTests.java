package dev.clocksync.support.access;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.support.SupportTestApplication;
import dev.clocksync.support.problem.ProbeController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.file.Path;

/**
 * Every state-changing request needs the cluster's token (401 without one, with {@code WWW-Authenticate},
 * 403 with another), as a problem document; reads, actuator and the API docs stay open.
 */
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(ProbeController.class)
class AccessControlTests {

    private static final String ORDER = "{\"name\":\"KMC\",\"count\":3}";

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec postOrder(String authorization) {
        return http.post().uri("/probe/orders")
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).body(ORDER).exchange();
    }

    @Test
    void withoutATokenAChangeIs401WithABearerChallenge() {
        postOrder(null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token")
                .jsonPath("$.title").isEqualTo("Token required")
                .jsonPath("$.instance").isEqualTo("/probe/orders");
    }

    @Test
    void anotherSchemeOrAnEmptyBearerCountsAsNoToken() {
        postOrder("Basic c3VwcG9ydC10ZXN0LXRva2VuLTAxMjM0NTY3ODk=").expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        postOrder("Bearer ").expectStatus().isUnauthorized();
        postOrder("support-test-token-0123456789").expectStatus().isUnauthorized();
    }

    @Test
    void aWrongTokenIs403() {
        postOrder("Bearer support-test-token-0123456780").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token")
                .jsonPath("$.instance").isEqualTo("/probe/orders");
        postOrder("Bearer support-test-token-0123456789-and-more").expectStatus().isForbidden();
        postOrder("Bearer support-test").expectStatus().isForbidden();
    }

    @Test
    void theRightTokenLetsTheChangeThroughWhateverTheCaseOfTheScheme() {
        postOrder("Bearer support-test-token-0123456789").expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("KMC");
        postOrder("bearer support-test-token-0123456789").expectStatus().isOk();
    }

    @Test
    void everyMethodButTheReadsNeedsIt() {
        http.delete().uri("/probe/orders").exchange().expectStatus().isUnauthorized();
        http.put().uri("/probe/orders").contentType(MediaType.APPLICATION_JSON).body(ORDER).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/nothing-here").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void readsStayOpen() {
        http.get().uri("/clock").exchange().expectStatus().isOk();
        http.get().uri("/probe/count?n=2").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http.head().uri("/clock").exchange().expectStatus().isOk();
        http.options().uri("/probe/orders").exchange().expectStatus().isOk();
    }

    @Test
    void theApiDocsAreOpenAndDeclareTheTokenForChangesOnly() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.securitySchemes.clusterToken.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.clusterToken.scheme").isEqualTo("bearer")
                .jsonPath("$.paths['/probe/orders'].post.security[0].clusterToken").exists()
                .jsonPath("$.paths['/probe/orders'].post.responses['401']").exists()
                .jsonPath("$.paths['/probe/orders'].post.responses['403']").exists()
                .jsonPath("$.paths['/clock'].get.security").doesNotExist();
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, Path.of("src/test/resources/openapi/api-docs.json"));
    }
}
