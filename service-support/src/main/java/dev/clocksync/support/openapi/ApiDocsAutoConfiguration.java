package dev.clocksync.support.openapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;

/**
 * A service's OpenAPI document at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}, served
 * from files: the document a service module's tests generate from its code with springdoc and keep in
 * {@code src/main/resources/openapi/api-docs.json} (see {@code ApiDocuments} in the api-docs-check
 * module, which the modules' tests use), and the swagger-ui webjar.
 * <p>
 * Not springdoc at run time: it would build the same document from the same annotations on every start
 * of every service, and with swagger-core, a second Jackson and their models it is a sizeable share of a
 * small service's memory (docs/footprint.md).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnResource(resources = ApiDocsAutoConfiguration.DOCUMENT)
public class ApiDocsAutoConfiguration {

    /** Where a service keeps its document: {@code src/main/resources/openapi/api-docs.json} in its module. */
    static final String DOCUMENT = "classpath:openapi/api-docs.json";

    /** Swagger UI's start-up script: the webjar's own loads a demo API from the Internet. */
    static final String INITIALIZER = "classpath:META-INF/clocksync/swagger-initializer.js";

    @Bean
    ApiDocsController apiDocsController(ResourceLoader resources) throws IOException {
        return new ApiDocsController(resources.getResource(DOCUMENT).getContentAsByteArray(),
                resources.getResource(INITIALIZER).getContentAsByteArray());
    }
}
