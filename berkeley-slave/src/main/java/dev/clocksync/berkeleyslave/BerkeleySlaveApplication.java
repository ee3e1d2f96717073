package dev.clocksync.berkeleyslave;

import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "berkeley-slave", version = "v1",
        description = "A production-line clock (KMC, MIT, TAPMI or SOLS). It registers with the Berkeley master and "
                + "keeps registering as a heartbeat; the master reads its clock every round and sends it its own "
                + "adjustment, which it applies through its virtual clock: stepping forward, slewing backward, once per round."))
public class BerkeleySlaveApplication {

    public static void main(String[] args) {
        ServiceApplication.run(BerkeleySlaveApplication.class, args);
    }
}
