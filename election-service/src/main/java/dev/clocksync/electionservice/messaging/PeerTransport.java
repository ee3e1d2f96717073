package dev.clocksync.electionservice.messaging;

import dev.clocksync.election.Message;
import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import dev.clocksync.electionservice.node.MessageSender;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.http.PeerClients;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends messages to the other members with {@code POST <peer>/election/messages}, each through a
 * {@link RestClient} with the configured connect and read timeouts and the cluster's token, never on the caller's
 * thread: on a virtual thread each where the service runs on them ({@code spring.threads.virtual.enabled}, Java 21
 * and later), else on a bounded pool of platform threads. At most {@value #IN_FLIGHT_PER_PEER} messages to one
 * peer are in flight at a time: a hung peer holds up only its own messages, and more for it count as undelivered
 * at once. Any failure (refused, timed out, a non-2xx answer such as a crashed node's 503) makes the
 * message undelivered; a refused connection says so, as the state machine takes it for proof that the process is gone.
 */
@Slf4j
@Component
class PeerTransport implements MessageSender, DisposableBean {

    static final int IN_FLIGHT_PER_PEER = 4;

    private record Peer(RestClient rest, Semaphore inFlight) {
    }

    private final Map<Integer, Peer> peers = new HashMap<>();
    private final Executor senders;
    private final Runnable stopSenders;

    PeerTransport(RestClient.Builder builder, ElectionGroup group, ElectionProperties properties, ClusterProperties cluster,
                  Environment environment) {
        for (Map.Entry<Integer, URI> peer : group.members().entrySet()) {
            if (peer.getKey() != group.self()) {
                RestClient rest = PeerClients.create(builder.clone().defaultHeaders(cluster::authorize),
                        peer.getValue().toString(), properties.connectTimeout(), properties.readTimeout());
                peers.put(peer.getKey(), new Peer(rest, new Semaphore(IN_FLIGHT_PER_PEER)));
            }
        }
        if (Threading.VIRTUAL.isActive(environment)) {
            // The semaphores bound the threads (IN_FLIGHT_PER_PEER a peer); a virtual thread's stack lives in the
            // heap, and none is kept waiting for work, where a platform sender keeps its stack for 30 s after a burst.
            SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("election-send-");
            virtual.setVirtualThreads(true);
            this.senders = virtual;
            this.stopSenders = virtual::close;
        } else {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Math.max(1, IN_FLIGHT_PER_PEER * peers.size()),
                    30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "election-send-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            this.senders = pool;
            this.stopSenders = pool::shutdownNow;
        }
    }

    @Override
    public void send(Message message, Undelivered undelivered) {
        Peer peer = peers.get(message.to());
        if (peer == null || !peer.inFlight().tryAcquire()) {
            undelivered.undelivered(message, false);
            return;
        }
        try {
            senders.execute(() -> {
                try {
                    peer.rest().post().uri("/election/messages")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(MessageBody.of(message))
                            .retrieve()
                            .toBodilessEntity();
                } catch (RestClientException e) {
                    log.debug("{} to {} undelivered: {}", message.type(), message.to(),
                            e instanceof RestClientResponseException answered ? answered.getStatusCode() : e.getMessage());
                    undelivered.undelivered(message, e instanceof ResourceAccessException && refused(e));
                } finally {
                    peer.inFlight().release();
                }
            });
        } catch (RejectedExecutionException e) {
            peer.inFlight().release();
            undelivered.undelivered(message, false);
        }
    }

    /** @return whether the connection was refused: a {@link ConnectException}, not a connect or read timeout */
    private static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        stopSenders.run();
    }
}
