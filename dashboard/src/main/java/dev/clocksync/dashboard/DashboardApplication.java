package dev.clocksync.dashboard;

import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The dashboard: a live page of the cluster, read through the services' public APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "dashboard", version = "v1",
        description = "A live page of the cluster at /, read through the services' public APIs every refresh. "
                + "GET /api/snapshot answers from the dashboard's own copies and never waits for a service; "
                + "the buttons' POSTs go to the services with the cluster's token, which the page never sees, "
                + "and only from the page itself (same origin, an allowed host)."))
public class DashboardApplication {

    public static void main(String[] args) {
        ServiceApplication.run(DashboardApplication.class, args);
    }
}
