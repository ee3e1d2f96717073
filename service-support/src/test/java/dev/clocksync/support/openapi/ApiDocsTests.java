package dev.clocksync.support.openapi;

import dev.clocksync.support.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document and Swagger UI as a browser gets them: the document as JSON only, Swagger UI's page from
 * the webjar (version-less), and its start-up script ours, pointing at the service's own document.
 */
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ApiDocsTests {

    @Autowired
    RestTestClient http;

    @Test
    void theDocumentIsJsonOnly() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");
        http.get().uri("/v3/api-docs").accept(MediaType.parseMediaType("application/yaml")).exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.head().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    @Test
    void swaggerUiIsTheWebjarsPageWithOurStartUpScript() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "webjars/swagger-ui/index.html");
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "../webjars/swagger-ui/index.html");

        String page = http.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<div id=\"swagger-ui\">").contains("./swagger-initializer.js");

        String script = http.get().uri("/webjars/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).contains("\"../../v3/api-docs\"").contains("operationsSorter").doesNotContain("petstore");

        http.get().uri("/webjars/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
    }
}
