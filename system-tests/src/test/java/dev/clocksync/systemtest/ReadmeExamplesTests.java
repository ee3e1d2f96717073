package dev.clocksync.systemtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl examples, as {@link LocalClusterSystemTests} runs them against the cluster: each
 * {@code curl} line of a {@code bash} block, and the answer it must give. An example's expected answer is
 * the {@code json} block right after its {@code bash} block, if there is one: an error example must produce
 * that error, any other example no error at all.
 */
class ReadmeExamplesTests {

    static final Path ROOT = Path.of(System.getProperty("clocksync.root", "..")).toAbsolutePath().normalize();
    static final Pattern STATUS = Pattern.compile("\"status\":(\\d{3})");
    static final String AUTHORIZATION = "-H \"Authorization: Bearer $CLUSTER_TOKEN\"";

    record Example(String command, Integer expectedStatus) {
    }

    static List<Example> examples(List<String> readme) {
        List<Example> examples = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        String fence = null;
        StringBuilder json = new StringBuilder();
        for (String line : readme) {
            if (line.startsWith("```")) {
                if (fence == null) {
                    fence = line.substring(3).trim();
                    json.setLength(0);
                    if (!fence.equals("json")) {
                        pending.forEach(command -> examples.add(new Example(command, null)));
                        pending.clear();
                    }
                } else {
                    if (fence.equals("json") && !pending.isEmpty()) {
                        Matcher status = STATUS.matcher(json);
                        Integer expected = status.find() && status.group(1).startsWith("4") ? Integer.valueOf(status.group(1)) : null;
                        pending.forEach(command -> examples.add(new Example(command, expected)));
                        pending.clear();
                    }
                    fence = null;
                }
            } else if ("bash".equals(fence) && line.startsWith("curl ")) {
                pending.add(line.replaceAll("\\s+#.*$", ""));
            } else if ("json".equals(fence)) {
                json.append(line);
            }
        }
        pending.forEach(command -> examples.add(new Example(command, null)));
        return examples;
    }

    @Test
    void theReadmeHasExamples() throws IOException {
        List<Example> examples = examples(Files.readAllLines(ROOT.resolve("README.md")));

        assertThat(examples).extracting(Example::command)
                .contains("curl -s localhost:8011/time", "curl -s -X POST localhost:8022/sync " + AUTHORIZATION,
                        "curl -s localhost:8101/election", "curl -s -X POST localhost:8105/admin/crash " + AUTHORIZATION);
        assertThat(examples).filteredOn(example -> example.expectedStatus() != null).isNotEmpty();
        assertThat(examples).as("an example without the token, and one with a wrong token")
                .anySatisfy(example -> assertThat(example.expectedStatus()).isEqualTo(401))
                .anySatisfy(example -> assertThat(example.expectedStatus()).isEqualTo(403));
        assertThat(examples).filteredOn(example -> example.command().contains("-X POST") && example.expectedStatus() == null)
                .as("changes that are meant to work carry the token").isNotEmpty()
                .allSatisfy(example -> assertThat(example.command()).contains(AUTHORIZATION));
    }
}
