package dev.clocksync.timeclient;

import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "time-client", version = "v1",
        description = "A Cristian client (the student's mobile or laptop). Every interval it sends a burst of requests to "
                + "the time server, keeps the sample with the least network delay, and corrects its virtual clock by "
                + "that sample's offset: stepping forward, slewing backward, never running backwards."))
public class TimeClientApplication {

    public static void main(String[] args) {
        ServiceApplication.run(TimeClientApplication.class, args);
    }
}
