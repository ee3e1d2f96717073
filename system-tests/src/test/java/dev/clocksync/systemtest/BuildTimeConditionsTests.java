package dev.clocksync.systemtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services run with Spring AOT ({@code -Dspring.aot.enabled=true} in {@code config/jvm.options}):
 * their bean definitions, conditions included, are worked out when the jar is built. A condition on a
 * property or a profile would then silently keep its build-time answer whatever a user sets at start-up,
 * so none of the project's classes may carry one: a switch is read at run time by the bean it switches
 * (see {@code CristianSystemTests#switchesSetAtStartUpActInThePackagedServices}).
 */
class BuildTimeConditionsTests {

    /** Annotations whose answer depends on what is set at start-up, as their class files name them. */
    private static final List<String> RUN_TIME_CONDITIONS = List.of(
            "Lorg/springframework/boot/autoconfigure/condition/ConditionalOnProperty;",
            "Lorg/springframework/boot/autoconfigure/condition/ConditionalOnBooleanProperty;",
            "Lorg/springframework/boot/autoconfigure/condition/ConditionalOnExpression;",
            "Lorg/springframework/boot/autoconfigure/condition/ConditionalOnThreading;",
            "Lorg/springframework/context/annotation/Profile;");

    @Test
    void noClassOfTheServicesIsConditionalOnAPropertyOrAProfile() throws IOException {
        List<Path> classDirectories;
        try (Stream<Path> modules = Files.list(ServiceProcess.ROOT)) {
            classDirectories = modules.filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
                    .filter(module -> !module.getFileName().toString().equals("system-tests"))
                    .map(module -> module.resolve("target/classes/dev/clocksync"))
                    .filter(Files::isDirectory)
                    .toList();
        }
        assertThat(classDirectories).as("the modules' compiled classes (built before the system tests)").hasSizeGreaterThanOrEqualTo(8);

        List<String> offenders = new ArrayList<>();
        int classes = 0;
        for (Path directory : classDirectories) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes++;
                    String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    RUN_TIME_CONDITIONS.stream().filter(constants::contains)
                            .forEach(condition -> offenders.add(ServiceProcess.ROOT.relativize(file) + " uses " + condition));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        assertThat(classes).as("class files read").isGreaterThan(200);
        assertThat(offenders).as("conditions fixed at build time under Spring AOT; read the switch at run time instead").isEmpty();
    }
}
