package dev.clocksync.support.launch;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Starts a service, with the application context Spring AOT worked out at build time only on the JDK it was
 * worked out on. AOT fixes the context's conditions when the jar is built: on JDK 21 and later Tomcat and the
 * schedulers get virtual threads ({@code spring.threads.virtual.enabled}), and that context fails on JDK 17;
 * built on 17, it would never use them on 25. On another JDK the service starts without it, its conditions
 * evaluated here (a slower start), and says so in one line.
 */
public final class ServiceApplication {

    static final String BUILD_INFO = "META-INF/build-info.properties";

    private ServiceApplication() {
    }

    /** {@link SpringApplication#run(Class, String...)}, on a context that fits this JVM. */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        if (AotDetector.useGeneratedArtifacts()) {
            String reason = reasonToLeaveAotOff(builtOn(application.getClassLoader()), Runtime.version().feature());
            if (reason != null) {
                System.setProperty(AotDetector.AOT_ENABLED, "false");
                System.err.println(reason);
            }
        }
        return SpringApplication.run(application, args);
    }

    /**
     * @param builtOn   the feature version of the JDK the jar was built on, 0 if unknown
     * @param runningOn this JVM's feature version
     * @return why the build's AOT context is not used here, or {@code null} if it is
     */
    static String reasonToLeaveAotOff(int builtOn, int runningOn) {
        if (builtOn == runningOn) {
            return null;
        }
        return "clocksync: this jar was built on JDK " + (builtOn == 0 ? "(unknown)" : builtOn) + " and runs on JDK "
                + runningOn + ": starting without the build's AOT context (its threads were chosen for that JDK); "
                + "build on JDK " + runningOn + " for the faster start";
    }

    /** @return the JDK the application's jar was built on ({@code build.jdk} in its build info), 0 if unknown */
    static int builtOn(ClassLoader application) {
        try (InputStream in = application.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                return 0;
            }
            Properties info = new Properties();
            info.load(in);
            return Integer.parseInt(info.getProperty("build.jdk", "0").trim());
        } catch (NumberFormatException unreadable) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
