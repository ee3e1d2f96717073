package dev.clocksync.support.openapi;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The OpenAPI document and Swagger UI's entry points; the rest of Swagger UI (its page, scripts and
 * styles) is the swagger-ui webjar under {@code /webjars/swagger-ui/}, which Boot serves by itself.
 * Every link is relative, so that the pages work behind a proxy that adds a path prefix.
 */
@Hidden
@RestController
class ApiDocsController {

    /** Swagger UI's page, relative to {@code /swagger-ui.html}. */
    static final String SWAGGER_UI = "webjars/swagger-ui/index.html";

    private final byte[] document;
    private final byte[] initializer;

    ApiDocsController(byte[] document, byte[] initializer) {
        this.document = document;
        this.initializer = initializer;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] document() {
        return document;
    }

    @GetMapping("/swagger-ui.html")
    ResponseEntity<Void> swaggerUi() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(SWAGGER_UI)).build();
    }

    /** Where springdoc used to put Swagger UI's page, for bookmarks made before. */
    @GetMapping("/swagger-ui/index.html")
    ResponseEntity<Void> formerSwaggerUi() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("../" + SWAGGER_UI)).build();
    }

    /** Replaces the webjar's script of the same name (a controller mapping wins over static resources). */
    @GetMapping(path = "/webjars/swagger-ui/swagger-initializer.js", produces = "text/javascript")
    byte[] swaggerUiInitializer() {
        return initializer;
    }
}
