package dev.clocksync.timeserver;

import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "time-server", version = "v1",
        description = "The reference clock of Cristian's algorithm. GET /time answers with the server's receive and "
                + "transmit timestamps, so that a client can take the server's own processing time out of the round trip."))
public class TimeServerApplication {

    public static void main(String[] args) {
        ServiceApplication.run(TimeServerApplication.class, args);
    }
}
