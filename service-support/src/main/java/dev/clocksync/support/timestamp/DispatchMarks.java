package dev.clocksync.support.timestamp;

import java.util.concurrent.Executor;

/**
 * When Tomcat's poller handed a connection that had become readable to a worker: {@code System.nanoTime()} on the
 * poller's thread, just before the hand-over, carried to the worker. Tomcat's own start mark is taken by the
 * worker once it runs, so the wake-up of a second thread (a virtual thread's carrier, or a pooled thread waiting
 * on its queue) counts as network delay on the request leg only, a leg the response does not have: it biased
 * every HTTP offset by half of it. The poller runs only after the request's bytes have arrived, so its mark is
 * never before them.
 */
public final class DispatchMarks {

    private static final ThreadLocal<long[]> MARK = new ThreadLocal<>();

    private DispatchMarks() {
    }

    /** @return {@code executor}, marking each task with the moment it was handed over */
    public static Executor marking(Executor executor) {
        return executor instanceof Marking ? executor : new Marking(executor);
    }

    /**
     * @return the mark of the task this thread runs, once: the first request a worker serves was the one the
     *         poller saw arrive; any later one on the same hand-over (pipelined) gets {@code -1}
     */
    static long take() {
        long[] mark = MARK.get();
        if (mark == null || mark[0] == -1) {
            return -1;
        }
        long taken = mark[0];
        mark[0] = -1;
        return taken;
    }

    private record Marking(Executor delegate) implements Executor {

        @Override
        public void execute(Runnable task) {
            long handedOver = System.nanoTime();
            delegate.execute(() -> {
                MARK.set(new long[] {handedOver});
                try {
                    task.run();
                } finally {
                    MARK.remove();
                }
            });
        }
    }
}
