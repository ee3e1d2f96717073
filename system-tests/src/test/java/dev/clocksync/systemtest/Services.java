package dev.clocksync.systemtest;

import java.util.ArrayList;
import java.util.List;

/** The service processes a test started; closing it stops every one of them, newest first. */
final class Services implements AutoCloseable {

    private final List<ServiceProcess> started = new ArrayList<>();

    ServiceProcess start(String module, String name, String... args) {
        return start(module, name, ServiceProcess.freePort(), args);
    }

    ServiceProcess start(String module, String name, int port, String... args) {
        ServiceProcess process = ServiceProcess.start(module, name, port, args);
        started.add(process);
        return process;
    }

    ServiceProcess start(List<String> prefix, String module, String name, int port, String... args) {
        ServiceProcess process = ServiceProcess.start(prefix, module, name, port, args);
        started.add(process);
        return process;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
