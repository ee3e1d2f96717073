package dev.clocksync.berkeleymaster;

import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "berkeley-master", version = "v1",
        description = "The master clock of the Berkeley algorithm, in the testing lab. Slaves (the KMC, MIT, TAPMI and "
                + "SOLS production lines) register here. Every round the master reads every slave's clock with round-trip "
                + "compensation, takes the fault-tolerant average of all clocks, its own included (clocks too far from "
                + "the median are left out), and sends each clock its own adjustment. Several masters elect the one that "
                + "runs the rounds (election.peers; GET /election as on an election node): every adjustment carries the "
                + "leader's term, which slaves use to fence off a deposed master, and a standby answers the rounds "
                + "endpoints through the leader. Without election.peers a master leads alone, in term 0."))
public class BerkeleyMasterApplication {

    public static void main(String[] args) {
        ServiceApplication.run(BerkeleyMasterApplication.class, args);
    }
}
