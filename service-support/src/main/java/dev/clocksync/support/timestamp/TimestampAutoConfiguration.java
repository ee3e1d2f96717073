package dev.clocksync.support.timestamp;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.clock.ClockAutoConfiguration;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The receive timestamp (t1) of {@code /clock} and every other {@link TimestampedPaths}. */
@AutoConfiguration(after = ClockAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TimestampAutoConfiguration {

    @Bean
    TimestampedPaths clockTimestampedPaths() {
        return TimestampedPaths.of("/clock");
    }

    @Bean
    FilterRegistrationBean<ReceiveTimestampFilter> receiveTimestampFilter(VirtualClock clock, ObjectProvider<TimestampedPaths> paths) {
        FilterRegistrationBean<ReceiveTimestampFilter> registration = new FilterRegistrationBean<>(new ReceiveTimestampFilter(clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setUrlPatterns(patterns(paths));
        return registration;
    }

    /** Tomcat's mark of when it began reading each request, for the {@link ReceiveTimestampFilter}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestStartValve() {
        return factory -> factory.addEngineValves(new RequestStartValve());
    }

    /** The poller's mark of when it handed each connection over ({@link DispatchMarks}). */
    @Bean
    DispatchMarkCustomizer dispatchMarks() {
        return new DispatchMarkCustomizer();
    }

    /**
     * Runs after Boot's own customizers, so that the executor it chose (virtual threads) is the one marked. Where Tomcat
     * would make its own pool (platform threads), one is made here the way Tomcat makes it, with the connector's
     * thread limits, and shut down with the context: Tomcat leaves an executor it was given alone.
     */
    static final class DispatchMarkCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered,
            DisposableBean {

        private final List<ExecutorService> made = new CopyOnWriteArrayList<>();

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> {
                ProtocolHandler handler = connector.getProtocolHandler();
                Executor executor = handler.getExecutor();
                if (executor == null && handler instanceof AbstractProtocol<?> protocol) {
                    TaskQueue queue = new TaskQueue();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(protocol.getMinSpareThreads(), protocol.getMaxThreads(),
                            60, TimeUnit.SECONDS, queue, new TaskThreadFactory(protocol.getName().replace("\"", "") + "-exec-", true, Thread.NORM_PRIORITY));
                    queue.setParent(pool);
                    made.add(pool);
                    executor = pool;
                }
                if (executor != null) {
                    handler.setExecutor(DispatchMarks.marking(executor));
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void destroy() {
            made.forEach(ExecutorService::shutdown);
        }
    }

    private static List<String> patterns(ObjectProvider<TimestampedPaths> paths) {
        return paths.orderedStream().flatMap(p -> p.patterns().stream()).distinct().toList();
    }
}
