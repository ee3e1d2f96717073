package dev.clocksync.support.openapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's OpenAPI document is generated from its code by springdoc, which is on the tests' class
 * path only, and kept in its module as {@code src/main/resources/openapi/api-docs.json}; the service
 * serves that file ({@link ApiDocsAutoConfiguration}). Each service module's application test calls
 * {@link #check} so that the file can never fall behind the code: a change to an operation, a schema
 * or an annotation fails the build until the file is regenerated, and the difference shows in review.
 * <p>
 * To regenerate after a change to the API: {@code ./mvnw -B verify -Dapi-docs.update=true}, then look
 * at {@code git diff} before committing.
 */
public final class ApiDocuments {

    /** Where springdoc serves the document it generates, in the tests ({@code service-defaults.properties}). */
    public static final String GENERATED = "/generated/api-docs";

    /** A service module's document, relative to the module (the working directory of its tests). */
    public static final Path MAIN = Path.of("src/main/resources/openapi/api-docs.json");

    /** The system property that makes {@link #check} write the generated document instead of failing. */
    public static final String UPDATE = "api-docs.update";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiDocuments() {
    }

    /**
     * Asserts that the document kept at {@code file} is the one springdoc generates from the code of the
     * application running on {@code port} of the loopback address, and that its {@code /v3/api-docs}
     * serves it (with {@code -Dapi-docs.update=true}: writes the generated document to {@code file} first).
     */
    public static void check(int port, Path file) throws IOException, InterruptedException {
        String generated = normalised(get(port, GENERATED));
        boolean update = Boolean.getBoolean(UPDATE);
        if (update) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, generated);
        }
        String kept = Files.exists(file) ? Files.readString(file) : "(no file)";
        assertThat(kept)
                .as("%s is not the document springdoc generates from the code: regenerate it with "
                        + "'./mvnw -B verify -D%s=true' and review the difference", file, UPDATE)
                .isEqualTo(generated);
        if (!update) {
            // what the service serves is the file as it was when the build copied it to the class path
            String served = get(port, "/v3/api-docs");
            assertThat(served).as("GET /v3/api-docs").isEqualTo(generated);
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("GET %s", path).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return response.body();
    }

    /**
     * springdoc's document without its {@code servers}, which name the address the test happened to
     * use (Swagger UI then calls the address it was loaded from), pretty-printed with a final newline.
     */
    static String normalised(String document) {
        JsonNode tree = JSON.readTree(document);
        assertThat(tree.isObject()).as("springdoc's document is a JSON object").isTrue();
        ((ObjectNode) tree).remove("servers");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
    }
}
