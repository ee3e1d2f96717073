package dev.clocksync.support.config;

import dev.clocksync.support.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJackson2ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared defaults reach every service, and anything the service is given wins over them. */
class ServiceDefaultsTests {

    private static ConfigurableApplicationContext start(WebApplicationType web, String... args) {
        return new SpringApplicationBuilder(SupportTestApplication.class).web(web).run(args);
    }

    @Test
    void healthIsOpenAndTellsNothingAboutTheHost() {
        try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET,
                "--server.port=0", "--cluster.token=support-test-token-0123456789")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                    .retrieve().body(String.class);
            assertThat(health).contains("\"status\":\"UP\"").contains("\"livenessState\"").contains("\"readinessState\"")
                    .doesNotContain("diskSpace").doesNotContain("\"ssl\"")
                    .doesNotContain(Path.of("").toAbsolutePath().toString());
        }
    }

    @Test
    void bootsOwnHttpClientIsTheSameKindAsEveryPeerClient() {
        try (ConfigurableApplicationContext context = start(WebApplicationType.NONE, "--cluster.token=support-test-token-0123456789")) {
            assertThat(context.getEnvironment().getProperty("spring.http.clients.imperative.factory")).isEqualTo("simple");
            // Not a java.net.http.HttpClient, which would load its TLS context at start-up for nothing.
            assertThat(context.getBean(ClientHttpRequestFactory.class)).isInstanceOf(SimpleClientHttpRequestFactory.class);
        }
    }

    @Test
    void noJackson2MapperAndNoFormFilterAreBuilt() {
        try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET,
                "--server.port=0", "--cluster.token=support-test-token-0123456789")) {
            // each would build a Jackson 2 mapper (and load Jackson 2) that no service uses
            assertThat(context.getBeanNamesForType(EndpointJackson2ObjectMapper.class)).isEmpty();
            assertThat(context.getBeanNamesForType(FormContentFilter.class)).isEmpty();
            assertThat(context.getBean(RequestMappingHandlerAdapter.class).getMessageConverters())
                    .anyMatch(converter -> converter.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON))
                    .noneMatch(converter -> converter.getSupportedMediaTypes().contains(MediaType.APPLICATION_YAML));
        }
    }

    @Test
    void aServiceArgumentOverridesADefault() {
        try (ConfigurableApplicationContext context = start(WebApplicationType.NONE, "--cluster.token=support-test-token-0123456789",
                "--spring.http.clients.imperative.factory=jdk", "--node.name=probe")) {
            assertThat(context.getBean(ClientHttpRequestFactory.class)).isInstanceOf(JdkClientHttpRequestFactory.class);
            assertThat(context.getEnvironment().getProperty("node.name")).isEqualTo("probe");
        }
    }
}
