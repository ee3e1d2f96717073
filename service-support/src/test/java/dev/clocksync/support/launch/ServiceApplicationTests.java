package dev.clocksync.support.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceApplicationTests {

    @Test
    void theBuildsAotContextIsUsedOnlyOnTheJdkItWasMadeOn() {
        assertThat(ServiceApplication.reasonToLeaveAotOff(25, 25)).isNull();
        assertThat(ServiceApplication.reasonToLeaveAotOff(17, 17)).isNull();
        assertThat(ServiceApplication.reasonToLeaveAotOff(25, 17))
                .isEqualTo("clocksync: this jar was built on JDK 25 and runs on JDK 17: starting without the build's AOT "
                        + "context (its threads were chosen for that JDK); build on JDK 17 for the faster start");
        assertThat(ServiceApplication.reasonToLeaveAotOff(17, 25)).contains("built on JDK 17 and runs on JDK 25");
        assertThat(ServiceApplication.reasonToLeaveAotOff(0, 25)).contains("built on JDK (unknown)");
    }

    @Test
    void theBuildsJdkIsReadFromItsBuildInfo(@TempDir Path jar) throws IOException {
        Path info = jar.resolve(ServiceApplication.BUILD_INFO);
        Files.createDirectories(info.getParent());
        Files.writeString(info, "build.version=0.1.0\nbuild.jdk=25\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ServiceApplication.builtOn(loader)).isEqualTo(25);
        }
        Files.writeString(info, "build.version=0.1.0\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ServiceApplication.builtOn(loader)).as("a build info without the JDK").isZero();
        }
        Files.delete(info);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ServiceApplication.builtOn(loader)).as("no build info").isZero();
        }
    }
}
