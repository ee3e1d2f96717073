package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.cristian.CristianSample;

/** The time server as the client sees it: one timed exchange at a time, over HTTP or NTP ({@code cristian.protocol}). */
interface TimeServer {

    /**
     * @return the sample of one exchange
     * @throws TimeServerException if the server cannot be reached, refuses, or answers nonsense
     */
    CristianSample exchange();
}
