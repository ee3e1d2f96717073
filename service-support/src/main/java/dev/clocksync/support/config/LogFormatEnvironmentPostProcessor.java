package dev.clocksync.support.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.java.SimpleFormatter;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The services log through {@code java.util.logging} (SLF4J's {@code slf4j-jdk14}; Logback and its
 * bridges are left out of the jars: a few hundred classes a service that the JDK's logging does without).
 * Spring Boot puts its own formatter on the console handler; Tomcat's logging replaces it with the JDK's
 * two-line format the first time it logs, unless {@value #JULI_FORMATTER} names another: this names Boot's,
 * so that every line has one format. A value set on the command line is kept.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String JULI_FORMATTER = "org.apache.juli.formatter";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(JULI_FORMATTER) == null) {
            System.setProperty(JULI_FORMATTER, SimpleFormatter.class.getName());
        }
    }
}
