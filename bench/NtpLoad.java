import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NTP load: CLIENTS sockets, each with up to WINDOW requests in flight, send version-4 client requests
 * to HOST:PORT for SECONDS seconds and count the replies that match a request (by the echoed origin).
 * Prints replies per second. The same load for every server it is pointed at.
 *
 *   java bench/NtpLoad.java HOST PORT SECONDS [CLIENTS] [WINDOW]
 */
public class NtpLoad {

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        long seconds = Long.parseLong(args[2]);
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        AtomicLong replies = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> run(server, deadline, window, replies, sent));
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("sent=%d replies=%d replies_per_second=%.0f%n", sent.get(), replies.get(), replies.get() / (double) seconds);
    }

    private static void run(InetSocketAddress server, long deadline, int window, AtomicLong replies, AtomicLong sent) {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            channel.configureBlocking(false);
            ByteBuffer request = ByteBuffer.allocateDirect(48);
            ByteBuffer reply = ByteBuffer.allocateDirect(512);
            long next = 1;
            int inFlight = 0;
            long lastProgress = System.nanoTime();
            while (System.nanoTime() < deadline) {
                while (inFlight < window) {
                    request.clear();
                    request.put(0, (byte) 0x23); // LI 0, version 4, mode 3
                    request.putLong(40, next++);
                    request.limit(48);
                    try {
                        if (channel.write(request) == 0) {
                            break;
                        }
                    } catch (java.net.PortUnreachableException refusedEarlier) {
                        break; // an ICMP error for an earlier datagram: keep going
                    }
                    sent.incrementAndGet();
                    inFlight++;
                }
                reply.clear();
                int read;
                try {
                    read = channel.read(reply);
                } catch (java.net.PortUnreachableException refusedEarlier) {
                    read = 0;
                }
                if (read >= 48 && (reply.get(0) & 0x7) == 4) {
                    replies.incrementAndGet();
                    inFlight--;
                    lastProgress = System.nanoTime();
                } else if (read <= 0 && System.nanoTime() - lastProgress > 20_000_000L) {
                    inFlight = 0; // replies lost (dropped under load): refill the window
                    lastProgress = System.nanoTime();
                } else {
                    Thread.onSpinWait();
                }
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
