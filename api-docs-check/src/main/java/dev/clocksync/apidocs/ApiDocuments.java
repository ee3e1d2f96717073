package dev.clocksync.apidocs;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A service's OpenAPI document is generated from its code by springdoc, which is on the tests' class
 * path only, and kept in its module as {@code src/main/resources/openapi/api-docs.json}; the service
 * serves that file (service-support's {@code ApiDocsAutoConfiguration}). Each service module's
 * application test calls {@link #check} so that the file can never fall behind the code: a change to an
 * operation, a schema or an annotation fails the build until the file is regenerated, and the
 * difference shows in review.
 * <p>
 * To regenerate after a change to the API: {@code ./mvnw -B -fae verify -Dapi-docs.update=true} writes
 * every document that differs and fails, naming them; look at {@code git diff}, then build again. A
 * document that has not changed is left alone and its check passes, with the property or without it.
 */
public final class ApiDocuments {

    /** Where springdoc serves the document it generates, in the tests ({@code service-defaults.properties}). */
    public static final String GENERATED = "/generated/api-docs";

    /** A service module's document, relative to the module (the working directory of its tests). */
    public static final Path MAIN = Path.of("src/main/resources/openapi/api-docs.json");

    /** The system property that makes {@link #check} write a document that differs (and still fail). */
    public static final String UPDATE = "api-docs.update";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiDocuments() {
    }

    /**
     * Asserts that the document kept at {@code file} is the one springdoc generates from the code of the
     * application running on {@code port} of the loopback address, and that its {@code /v3/api-docs}
     * serves it. With {@code -Dapi-docs.update=true} a document that differs is written to {@code file},
     * and the check fails all the same: the build that ran it has the old one in its class path and jar.
     */
    public static void check(int port, Path file) throws IOException, InterruptedException {
        String generated = normalised(get(port, GENERATED));
        String kept = Files.exists(file) ? Files.readString(file) : "(no file)";
        if (!kept.equals(generated) && Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, generated);
            fail("%s regenerated from the code: review the difference (git diff) and build again", file);
        }
        assertThat(kept)
                .as("%s is not the document springdoc generates from the code: regenerate it with "
                        + "'./mvnw -B -fae verify -D%s=true' and review the difference", file, UPDATE)
                .isEqualTo(generated);
        assertThat(get(port, "/v3/api-docs")).as("GET /v3/api-docs").isEqualTo(generated);
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
     * springdoc's document without its {@code servers}, which name the address the test happened to use
     * (Swagger UI then calls the address it was loaded from), with its tags in name order (springdoc
     * collects them in a hash set), pretty-printed with {@code \n} line ends (arrays stay on the line of
     * their first element) and a final one, whatever the platform.
     */
    static String normalised(String document) {
        JsonNode tree = JSON.readTree(document);
        assertThat(tree.isObject()).as("springdoc's document is a JSON object").isTrue();
        ObjectNode root = (ObjectNode) tree;
        root.remove("servers");
        if (root.get("tags") instanceof ArrayNode tags) {
            List<JsonNode> sorted = new ArrayList<>();
            tags.forEach(sorted::add);
            sorted.sort(Comparator.comparing(tag -> tag.path("name").asString()));
            tags.removeAll();
            sorted.forEach(tags::add);
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer().with(printer).writeValueAsString(root) + "\n";
    }
}
