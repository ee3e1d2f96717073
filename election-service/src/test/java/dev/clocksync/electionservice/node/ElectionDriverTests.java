package dev.clocksync.electionservice.node;

import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver with an in-memory sender: node 2 of 1..3. */
class ElectionDriverTests {

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private volatile boolean refuseEverything;
    private ElectionDriver driver;

    private final MessageSender sender = new MessageSender() {
        @Override
        public void send(Message message, Undelivered undelivered) {
            sent.add(message);
            if (refuseEverything) {
                undelivered.undelivered(message, false);
            }
        }
    };

    private static ElectionProperties properties() {
        return properties(Duration.ofMillis(200));
    }

    private static ElectionProperties properties(Duration failureTimeout) {
        return new ElectionProperties(2, Map.of(1, URI.create("http://127.0.0.1:1"), 2, URI.create("http://127.0.0.1:2"),
                3, URI.create("http://127.0.0.1:3")), Algorithm.BULLY, Duration.ofMillis(50), failureTimeout,
                Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(100),
                Duration.ofMillis(100), 50);
    }

    private ElectionDriver driver(MessageSender sender) {
        return driver(sender, properties());
    }

    private ElectionDriver driver(MessageSender sender, ElectionProperties properties) {
        driver = new ElectionDriver(ElectionGroup.configured(properties), properties, sender, TimeSource.system(),
                new VirtualClock(TimeSource.system(), ClockSettings.defaults()), registry);
        return driver;
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.stop();
        }
    }

    private List<Message> sent(MessageType type) {
        return sent.stream().filter(m -> m.type() == type).toList();
    }

    @Test
    void withNoAnswerFromAboveTheNodeTakesOverAfterTheAnswerTimeoutAndSendsHeartbeats() {
        driver(sender).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().role() == Role.LEADER);
        assertThat(sent(MessageType.ELECTION)).extracting(Message::to).containsExactly(3);
        assertThat(sent(MessageType.COORDINATOR)).extracting(Message::to).containsExactlyInAnyOrder(1, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(MessageType.HEARTBEAT).size() >= 4);
        assertThat(driver.knowsLiveLeader()).isTrue();
        assertThat(driver.history(10)).extracting(e -> e.event().kind())
                .contains(ElectionEvent.Kind.ELECTION_STARTED, ElectionEvent.Kind.LEADER_ELECTED);
        assertThat(registry.get("election.elections.won").counter().count()).isEqualTo(1);
        assertThat(registry.get("election.messages.sent").tag("type", "election").counter().count()).isEqualTo(1);
    }

    @Test
    void anUndeliverableElectionMakesItWinWithoutWaiting() {
        refuseEverything = true;
        driver(sender).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().role() == Role.LEADER);
        assertThat(driver.state().lastElection().durationNanos()).isLessThan(Duration.ofMillis(100).toNanos());
        assertThat(registry.get("election.messages.undelivered").tag("type", "election").counter().count()).isEqualTo(1);
    }

    @Test
    void followsAHigherCoordinatorWhileItsHeartbeatsComeAndHoldsAnElectionWhenTheyStop() {
        // A failure timeout that the gaps of a loaded machine (the peers' threads starting, the test's polls)
        // stay well inside: the node must be silent that long before it suspects its leader.
        ElectionProperties properties = properties(Duration.ofSeconds(1));
        driver(sender, properties).start();
        driver.deliver(Message.bullyCoordinator(5, 3, 2, 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().role() == Role.FOLLOWER);

        // When each peer began its last heartbeat: the node may suspect its leader only a failure timeout after
        // the last one, however long the machine takes to get here (a check of the leader right after the
        // heartbeats would race with that timeout on a loaded machine).
        AtomicLong lastHeartbeatStart = new AtomicLong(Long.MIN_VALUE);
        ExecutorService peers = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                peers.execute(() -> {
                    for (int j = 0; j < 500; j++) {
                        if (j == 499) {
                            lastHeartbeatStart.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                        driver.deliver(Message.heartbeat(5, 3, 2, Algorithm.BULLY));
                    }
                });
            }
        } finally {
            peers.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.isTerminated()
                && registry.get("election.messages.received").tag("type", "heartbeat").counter().count() == 4_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().term() > 5);
        List<ElectionEvent> suspicions = driver.history(100).stream().map(ElectionHistory.Entry::event)
                .filter(event -> event.kind() == ElectionEvent.Kind.LEADER_SUSPECTED).toList();
        assertThat(suspicions).as("the node followed node 3 until it fell silent").hasSize(1).allSatisfy(event -> {
            assertThat(event.leader()).isEqualTo(3);
            assertThat(event.atNanos() - lastHeartbeatStart.get())
                    .isGreaterThanOrEqualTo(properties.failureTimeout().toNanos());
        });
        assertThat(sent(MessageType.ELECTION)).extracting(Message::term).contains(6L);
    }

    @Test
    void startCrashAndRecoverWaitOnlyForTheStateMachineToTakeThem() {
        driver(sender).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().role() == Role.LEADER);
        long term = driver.state().term();

        assertThat(driver.startElection(Algorithm.RING).term()).isEqualTo(term + 1);
        assertThat(sent).last().satisfies(m -> assertThat(m.algorithm()).isEqualTo(Algorithm.RING));

        assertThat(driver.crash().role()).isEqualTo(Role.CRASHED);
        assertThat(driver.crashed()).isTrue();
        assertThat(driver.knowsLiveLeader()).isFalse();
        int before = sent.size();
        driver.deliver(Message.bullyElection(term + 5, 1, 2, 1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> sent.size() == before);

        assertThat(driver.recover().role()).isEqualTo(Role.ELECTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.state().role() == Role.LEADER);
    }

    @Test
    void tooManyWaitingInputsAreRefused() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        driver(new MessageSender() {
            @Override
            public void send(Message message, Undelivered undelivered) {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the loop thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).start();
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            for (int i = 0; i < ElectionDriver.MAX_WAITING_INPUTS; i++) {
                driver.deliver(Message.heartbeat(1, 3, 2, Algorithm.BULLY));
            }
            assertThatThrownBy(() -> driver.deliver(Message.heartbeat(1, 3, 2, Algorithm.BULLY)))
                    .isInstanceOf(NodeUnavailableException.class);
        } finally {
            release.countDown();
        }
    }
}
