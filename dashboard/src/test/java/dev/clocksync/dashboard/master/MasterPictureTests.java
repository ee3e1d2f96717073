package dev.clocksync.dashboard.master;

import dev.clocksync.dashboard.master.MasterPicture.MasterStatus;
import dev.clocksync.dashboard.watch.Readings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MasterPictureTests {

    private static MasterStatus master(String name, int id, String state, long term, Integer leader) {
        return MasterStatus.of(name, "http://127.0.0.1:8080", true, null,
                new Readings.Election(id, leader, term, state, "bully", true, List.of(1, 2), null));
    }

    private static MasterStatus down(String name, Readings.Election last) {
        return MasterStatus.of(name, "http://127.0.0.1:8090", false, "Connection refused", last);
    }

    @Test
    void theLeaderAndItsTermAreTheLeadingMastersAndTheOtherStandsBy() {
        MasterPicture picture = MasterPicture.of(List.of(master("master", 2, "LEADER", 3, 2), master("master-2", 1, "FOLLOWER", 3, 2)));

        assertThat(picture.leader()).isEqualTo("master");
        assertThat(picture.term()).isEqualTo(3);
        assertThat(picture.elected()).isTrue();
        assertThat(picture.masters()).extracting(MasterStatus::status).containsExactly("leader", "standby");
        assertThat(picture.master("master-2")).get().extracting(MasterStatus::elected).isEqualTo(true);
        assertThat(picture.master("master-3")).isEmpty();
    }

    @Test
    void aCrashedOrDownMasterDoesNotLeadEvenIfItSaysItDid() {
        Readings.Election lastLed = new Readings.Election(2, 2, 3, "LEADER", "bully", true, List.of(1, 2), null);
        MasterPicture crashed = MasterPicture.of(List.of(master("master", 2, "CRASHED", 3, 2), master("master-2", 1, "ELECTING", 4, null)));
        MasterPicture gone = MasterPicture.of(List.of(down("master", lastLed), master("master-2", 1, "LEADER", 4, 1)));

        assertThat(crashed.leader()).isNull();
        assertThat(crashed.term()).as("the newest term a live master knows").isEqualTo(4);
        assertThat(crashed.masters()).extracting(MasterStatus::status).containsExactly("crashed", "electing");
        assertThat(gone.leader()).isEqualTo("master-2");
        assertThat(gone.term()).isEqualTo(4);
        assertThat(gone.masters().get(0).status()).isEqualTo("down");
        assertThat(gone.masters().get(0).elected()).as("its last answer is kept").isTrue();
        assertThat(gone.masters().get(0).error()).isEqualTo("Connection refused");
    }

    @Test
    void ofTwoLeadersTheOneOfTheHigherTermLeads() {
        // A healed partition: master still leads its old term while master-2 leads a newer one.
        MasterPicture picture = MasterPicture.of(List.of(master("master", 2, "LEADER", 5, 2), master("master-2", 1, "LEADER", 6, 1)));

        assertThat(picture.leader()).isEqualTo("master-2");
        assertThat(picture.term()).isEqualTo(6);
    }

    @Test
    void aMasterRunAloneIsTheMasterInTermZeroAndCannotBeCrashed() {
        MasterPicture picture = MasterPicture.of(List.of(MasterStatus.of("master", "http://127.0.0.1:8080", true, null, null)));

        assertThat(picture.leader()).isEqualTo("master");
        assertThat(picture.term()).isZero();
        assertThat(picture.elected()).isFalse();
        assertThat(picture.masters()).singleElement().satisfies(master -> {
            assertThat(master.status()).isEqualTo("leader");
            assertThat(master.elected()).isFalse();
            assertThat(master.error()).isNull();
        });
    }

    @Test
    void withEveryMasterDownNothingIsKnown() {
        MasterPicture picture = MasterPicture.of(List.of(down("master", null), down("master-2", null)));

        assertThat(picture.leader()).isNull();
        assertThat(picture.term()).isZero();
        assertThat(picture.elected()).isFalse();
        assertThat(picture.masters()).extracting(MasterStatus::status).containsExactly("down", "down");
    }
}
